package dev.bitte.processor.model;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.bitte.ChangeMode;
import dev.bitte.processor.diag.Source;
import org.junit.jupiter.api.Test;

/** Which templates make their task carry an identity for Consul ({@link TemplateSpec#readsConsul()}). */
class TemplateSpecTest {
  private static boolean reads(String data) {
    return new TemplateSpec("local/out", data, "", false, ChangeMode.RESTART, "", Source.NONE).readsConsul();
  }

  @Test
  void consulFunctionsInsideActionsRead() {
    for (String data : new String[] {
        "{{ range service \"db\" }}{{ .Address }}{{ end }}",
        "{{range services}}{{.Name}}{{end}}",
        "{{- with service \"web|passing\" -}}x{{- end -}}",
        "{{ keyOrDefault \"web/flags\" \"{}\" }}",
        "{{ key \"a/b\" }}",
        "{{ if keyExists \"a\" }}y{{ end }}",
        "{{ range ls \"config/web\" }}{{ .Key }}={{ .Value }}\n{{ end }}",
        "{{ range tree \"config\" }}{{ end }}",
        "{{ range caRoots }}{{ .RootCertPEM }}{{ end }}",
        "{{ range connect \"db\" }}{{ end }}",
        "{{ range nodes }}{{ .Address }}{{ end }}",
        "{{ range datacenters }}{{ . }}{{ end }}",
        "{{ $flags := keyOrDefault \"f\" \"\" }}{{ $flags }}",
        "text\n{{ range\n  service \"db\" }}x{{ end }}\n", // an action over lines
        "{{ (service \"db\") | len }}"}) {
      assertWithMessage(data).that(reads(data)).isTrue();
    }
  }

  @Test
  void vaultNomadAndHelperFunctionsAndPlainTextDoNot() {
    for (String data : new String[] {
        "SESSION_KEY={{ with secret \"kv/data/web/session\" }}{{ .Data.data.key }}{{ end }}",
        "host = \"{{ env \"node.unique.name\" }}\"",
        "{{ range nomadService \"db\" }}{{ .Address }}{{ end }}",
        "{{ with nomadVar \"nomad/jobs/web\" }}{{ .key }}{{ end }}",
        "{{ with secret \"pki/issue/x\" \"common_name=service\" }}{{ end }}", // words in strings
        "{{ `key service` }}",
        "{{/* reads the service key later */}}plain",
        "{{ $key := 1 }}{{ $key }}",
        "{{ .Data.service }}",
        "key = service; ls tree node\n", // outside actions: the file's own text
        "{{ keys }}{{ servicesX }}{{ myservice }}",
        // need more than the read-only role grants: the task keeps the client's token
        "{{ with caLeaf \"web\" }}{{ .CertPEM }}{{ end }}",
        "{{ range peerings }}{{ .Name }}{{ end }}"}) {
      assertWithMessage(data).that(reads(data)).isFalse();
    }
  }
}
