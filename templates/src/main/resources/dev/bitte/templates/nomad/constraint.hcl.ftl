<#-- A constraint or affinity (model: ConstraintSpec; kind says which), in a group (indent "    ") or on the job (indent "  "). -->
${indent}${kind} {
<#if constraint.attribute()?has_content>
${indent}  attribute = ${q(constraint.attribute())}
</#if>
${indent}  operator  = ${q(constraint.operator())}
<#if constraint.value()?has_content || (kind == "constraint" && constraint.operator() != "is_set" && constraint.operator() != "is_not_set")>
${indent}  value     = ${q(constraint.value())}
</#if>
<#if kind == "affinity">
${indent}  weight    = ${constraint.weight()}
</#if>
${indent}}
