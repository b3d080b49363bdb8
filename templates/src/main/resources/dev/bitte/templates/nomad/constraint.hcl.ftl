<#-- A constraint or affinity (model: ConstraintSpec; kind says which), inside group.hcl.ftl. -->
    ${kind} {
<#if constraint.attribute()?has_content>
      attribute = ${q(constraint.attribute())}
</#if>
      operator  = ${q(constraint.operator())}
<#if constraint.value()?has_content || (kind == "constraint" && constraint.operator() != "is_set" && constraint.operator() != "is_not_set")>
      value     = ${q(constraint.value())}
</#if>
<#if kind == "affinity">
      weight    = ${constraint.weight()}
</#if>
    }
