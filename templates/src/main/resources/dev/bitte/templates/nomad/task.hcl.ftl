<#-- One task (model: Task), inside group.hcl.ftl. -->
    task ${label(task.name())} {
      driver       = ${q(task.driverName())}
      kill_timeout = ${q(task.killTimeout())}

      config {
<#if task.driverName() == "docker">
        image   = ${q(task.image())}
</#if>
<#if task.driverName() == "java">
        jar_path    = ${q(task.jar())}
<#if task.jvmOptions()?has_content>
        jvm_options = ${l(task.jvmOptions())}
</#if>
<#elseif task.command()?has_content>
        command = ${q(task.command())}
</#if>
<#if task.args()?has_content>
        args    = ${l(task.args())}
</#if>
<#if task.ports()?has_content>
        ports   = ${l(task.ports())}
</#if>
      }
<#if task.hook()?has_content>

      lifecycle {
        hook    = ${q(task.hook())}
        sidecar = ${task.sidecar()?c}
      }
</#if>

      resources {
<#if task.cores() gt 0>
        cores      = ${task.cores()}
<#else>
        cpu        = ${task.cpu()}
</#if>
        memory     = ${task.memoryMb()}
<#if task.memoryMaxMb() gt 0>
        memory_max = ${task.memoryMaxMb()}
</#if>
      }

      logs {
        max_files     = ${task.logMaxFiles()}
        max_file_size = ${task.logMaxFileSizeMb()}
      }
<#if task.env()?has_content>

      env {
<#list task.env() as e>
        ${ident(e.key())} = ${q(e.value())}
</#list>
      }
</#if>
<#if task.vaultPolicies()?has_content>

      vault {
        # The JWT role the hydrate workspace creates for this task: its token carries the
        # task's Vault policies.
        role = ${q(job.vaultRole(task.name()))}
      }
</#if>
<#if task.readsConsul()>

      # Its templates read Consul: Nomad logs in to Consul's auth method with this identity for
      # a token of the role nomad-tasks (read services, nodes and keys; write nothing).
      identity {
        name = ${q(task.consulIdentity())}
        aud  = [${q(task.consulAudience())}]
        ttl  = "1h"
      }
</#if>
<#list task.volumeMounts() as mount>

      volume_mount {
        volume      = ${q(mount.volume())}
        destination = ${q(mount.destination())}
        read_only   = ${mount.readOnly()?c}
      }
</#list>
<#list task.artifacts() as artifact>

      artifact {
        source      = ${q(artifact.sourceUrl())}
        destination = ${q(artifact.destination())}
      }
</#list>
<#list task.templates() as template>

<#include "template.hcl.ftl">
</#list>
<#assign sindent = "      ">
<#list task.services() as service>

<#include "service.hcl.ftl">
</#list>
    }
