<#-- One Consul service (model: ServiceSpec), in a group (sindent "    ") or a task (sindent "      "). -->
${sindent}service {
${sindent}  name = ${q(service.name())}
${sindent}  port = ${q(service.port())}
<#if service.tags()?has_content>
${sindent}  tags = ${l(service.tags())}
</#if>
<#list service.checks() as check>

${sindent}  check {
${sindent}    type     = ${q(check.typeName())}
<#if check.typeName() == "http">
${sindent}    path     = ${q(check.path())}
</#if>
${sindent}    interval = ${q(check.interval())}
${sindent}    timeout  = ${q(check.timeout())}
<#if service.connect() && check.typeName() != "tcp">
${sindent}    expose   = true
</#if>
${sindent}  }
</#list>
<#if service.connect()>

${sindent}  connect {
${sindent}    sidecar_service {
<#if service.upstreams()?has_content>
${sindent}      proxy {
<#list service.upstreams() as upstream>
${sindent}        upstreams {
${sindent}          destination_name = ${q(upstream.service())}
${sindent}          local_bind_port  = ${upstream.localPort()}
${sindent}        }
</#list>
${sindent}      }
</#if>
${sindent}    }
${sindent}  }
</#if>
${sindent}}
