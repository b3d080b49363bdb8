<#-- One Consul service (model: ServiceSpec), inside group.hcl.ftl. -->
    service {
      name = ${q(service.name())}
      port = ${q(service.port())}
<#if service.tags()?has_content>
      tags = ${l(service.tags())}
</#if>
<#list service.checks() as check>

      check {
        type     = ${q(check.typeName())}
<#if check.typeName() == "http">
        path     = ${q(check.path())}
</#if>
        interval = ${q(check.interval())}
        timeout  = ${q(check.timeout())}
<#if service.connect() && check.typeName() != "tcp">
        expose   = true
</#if>
      }
</#list>
<#if service.connect()>

      connect {
        sidecar_service {
<#if service.upstreams()?has_content>
          proxy {
<#list service.upstreams() as upstream>
            upstreams {
              destination_name = ${q(upstream.service())}
              local_bind_port  = ${upstream.localPort()}
            }
</#list>
          }
</#if>
        }
      }
</#if>
    }
