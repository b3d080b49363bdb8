<#-- One consul-template file (model: TemplateSpec), inside task.hcl.ftl. -->
      template {
        destination   = ${q(template.destination())}
        env           = ${template.env()?c}
        change_mode   = ${q(template.changeModeName())}
<#if template.changeSignal()?has_content>
        change_signal = ${q(template.changeSignal())}
</#if>
        data          = ${text(template.data())}
      }
