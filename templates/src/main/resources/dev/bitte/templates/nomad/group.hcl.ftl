<#-- One task group (model: TaskGroup), inside job.nomad.hcl.ftl. -->
  group ${label(group.name())} {
<#if !job.onEveryNode()>
    count = ${group.count()}
</#if>
<#if group.nodeClass()?has_content>

    constraint {
      attribute = ${q(r"${node.class}")}
      value     = ${q(group.nodeClass())}
    }
</#if>
<#assign indent = "    ">
<#list group.constraints() as constraint>

<#assign kind = "constraint">
<#include "constraint.hcl.ftl">
</#list>
<#list group.affinities() as constraint>

<#assign kind = "affinity">
<#include "constraint.hcl.ftl">
</#list>
<#list group.spreads() as spread>

    spread {
      attribute = ${q(spread.attribute())}
      weight    = ${spread.weight()}
<#list spread.targets() as target>

      target ${label(target.value())} {
        percent = ${target.percent()}
      }
</#list>
    }
</#list>

    network {
      mode = ${q(group.network().name()?lower_case)}
<#list group.ports() as port>

<#if !port.isStatic() && port.to() == 0>
      port ${label(port.label())} {}
<#else>
      port ${label(port.label())} {
<#if port.isStatic()>
        static = ${port.value()}
</#if>
<#if port.to() != 0>
        to     = ${port.to()}
</#if>
      }
</#if>
</#list>
    }
<#list group.volumes() as volume>

    volume ${label(volume.name())} {
      type      = "host"
      source    = ${q(volume.source())}
      read_only = ${volume.readOnly()?c}
    }
</#list>

    ephemeral_disk {
      size = ${group.ephemeralDiskMb()}
    }
<#list group.update() as update>

    update {
      max_parallel      = ${update.maxParallel()}
      canary            = ${update.canary()}
      min_healthy_time  = ${q(update.minHealthyTime())}
      healthy_deadline  = ${q(update.healthyDeadline())}
      auto_revert       = ${update.autoRevert()?c}
      auto_promote      = ${update.autoPromote()?c}
    }
</#list>
<#list group.migrate() as migrate>

    migrate {
      max_parallel     = ${migrate.maxParallel()}
      health_check     = ${q(migrate.healthCheck())}
      min_healthy_time = ${q(migrate.minHealthyTime())}
      healthy_deadline = ${q(migrate.healthyDeadline())}
    }
</#list>
<#list group.restart() as restart>

    restart {
      attempts = ${restart.attempts()}
      interval = ${q(restart.interval())}
      delay    = ${q(restart.delay())}
      mode     = ${q(restart.mode())}
    }
</#list>
<#list group.reschedule() as reschedule>

    reschedule {
<#if reschedule.unlimited()>
      unlimited      = true
<#else>
      attempts       = ${reschedule.attempts()}
      interval       = ${q(reschedule.interval())}
</#if>
      delay          = ${q(reschedule.delay())}
      delay_function = ${q(reschedule.delayFunction())}
<#if reschedule.delayFunction() != "constant">
      max_delay      = ${q(reschedule.maxDelay())}
</#if>
    }
</#list>
<#if group.meta()?has_content>

    meta {
<#list group.meta() as m>
      ${ident(m.key())} = ${q(m.value())}
</#list>
    }
</#if>
<#assign sindent = "    ">
<#list group.services() as service>

<#include "service.hcl.ftl">
</#list>
<#list group.tasks() as task>

<#include "task.hcl.ftl">
</#list>
  }
