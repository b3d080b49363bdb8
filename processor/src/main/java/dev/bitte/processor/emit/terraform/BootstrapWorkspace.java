package dev.bitte.processor.emit.terraform;

import static dev.bitte.processor.emit.terraform.Conventions.provider;
import static dev.bitte.processor.emit.terraform.Conventions.tags;
import static dev.bitte.processor.emit.terraform.TerraformDoc.expr;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bitte.processor.plan.FleetPlan;
import java.util.List;
import java.util.Map;

/**
 * {@code bootstrap} (local state): what the other workspaces' backend needs, and what an
 * operator used to create by hand. The state bucket (versioned, SSE-KMS with its own key,
 * public access blocked, owner-enforced, TLS only), the KMS keys for state and for Vault's
 * auto-unseal (rotated yearly), and the Nix binary-cache bucket the nodes read.
 *
 * <p>Locking: the S3 backend's {@code use_lockfile} (a lock object written with S3 conditional
 * writes) replaces the DynamoDB table, so bootstrap creates none.
 *
 * <p>The later workspaces find these by their derived names ({@code alias/<cluster>-vault-unseal},
 * {@code <cluster>-bitte-cache}) rather than through this workspace's local state file, which
 * only exists where bootstrap was applied.
 */
final class BootstrapWorkspace {
  static final String WORKSPACE = "bootstrap";

  byte[] render(FleetPlan plan) {
    TerraformDoc doc = new TerraformDoc();
    String region = plan.fleet().primaryRegion();
    doc.root().put("//", Conventions.header(plan, WORKSPACE,
        "the Terraform state bucket and its KMS key, the Vault unseal key and the binary-cache bucket. Local state; apply once, first."));
    Conventions.terraformBlock(doc, plan, WORKSPACE, Map.of());
    Conventions.awsProviders(doc, plan, List.of(region));

    kmsKey(doc, plan, "state", Conventions.stateKmsAlias(plan), "Terraform state of cluster " + plan.name());
    kmsKey(doc, plan, "vault_unseal", Conventions.unsealKmsAlias(plan), "Vault auto-unseal of cluster " + plan.name());

    // The state bucket.
    bucket(doc, plan, "state", plan.fleet().stateBucket(), "Terraform state", true);
    ObjectNode versioning = doc.resource("aws_s3_bucket_versioning", "state");
    versioning.put("provider", provider(region));
    versioning.put("bucket", expr("aws_s3_bucket.state.id"));
    versioning.putObject("versioning_configuration").put("status", "Enabled");
    ObjectNode sse = doc.resource("aws_s3_bucket_server_side_encryption_configuration", "state");
    sse.put("provider", provider(region));
    sse.put("bucket", expr("aws_s3_bucket.state.id"));
    ObjectNode rule = sse.putArray("rule").addObject();
    rule.put("bucket_key_enabled", true);
    rule.putObject("apply_server_side_encryption_by_default").put("sse_algorithm", "aws:kms").put("kms_master_key_id", expr("aws_kms_key.state.arn"));

    // The binary cache: store paths are not secret, so SSE-S3 keeps readers free of KMS grants.
    bucket(doc, plan, "cache", Conventions.cacheBucket(plan), "Nix binary cache", false);
    ObjectNode cacheSse = doc.resource("aws_s3_bucket_server_side_encryption_configuration", "cache");
    cacheSse.put("provider", provider(region));
    cacheSse.put("bucket", expr("aws_s3_bucket.cache.id"));
    cacheSse.putArray("rule").addObject().putObject("apply_server_side_encryption_by_default").put("sse_algorithm", "AES256");

    doc.output("state_bucket", "The S3 bucket holding the state of the other workspaces.", expr("aws_s3_bucket.state.id"));
    doc.output("state_kms_key_arn", "The KMS key encrypting the Terraform state.", expr("aws_kms_key.state.arn"));
    doc.output("state_kms_alias", "The alias the S3 backends name as kms_key_id.", expr("aws_kms_alias.state.name"));
    doc.output("vault_unseal_kms_key_arn", "The KMS key Vault's awskms seal uses.", expr("aws_kms_key.vault_unseal.arn"));
    doc.output("vault_unseal_kms_alias", "The alias of the Vault unseal key.", expr("aws_kms_alias.vault_unseal.name"));
    doc.output("cache_bucket", "The S3 bucket of the cluster's Nix binary cache.", expr("aws_s3_bucket.cache.id"));
    return doc.bytes();
  }

  private static void kmsKey(TerraformDoc doc, FleetPlan plan, String id, String alias, String purpose) {
    String region = plan.fleet().primaryRegion();
    ObjectNode key = doc.resource("aws_kms_key", id);
    key.put("provider", provider(region));
    key.put("description", purpose);
    key.put("enable_key_rotation", true);
    key.put("deletion_window_in_days", 30);
    key.set("tags", tags(alias.substring("alias/".length())));
    ObjectNode a = doc.resource("aws_kms_alias", id);
    a.put("provider", provider(region));
    a.put("name", alias);
    a.put("target_key_id", expr("aws_kms_key." + id + ".key_id"));
  }

  /** A private bucket: public access blocked, ACLs disabled, TLS-only policy. */
  private static void bucket(TerraformDoc doc, FleetPlan plan, String id, String name, String purpose, boolean keep) {
    String region = plan.fleet().primaryRegion();
    ObjectNode b = doc.resource("aws_s3_bucket", id);
    b.put("provider", provider(region));
    b.put("bucket", name);
    b.set("tags", tags(name, "Purpose", purpose));
    if (keep) {
      b.putObject("lifecycle").put("prevent_destroy", true);
    }
    ObjectNode pab = doc.resource("aws_s3_bucket_public_access_block", id);
    pab.put("provider", provider(region));
    pab.put("bucket", expr("aws_s3_bucket." + id + ".id"));
    pab.put("block_public_acls", true);
    pab.put("block_public_policy", true);
    pab.put("ignore_public_acls", true);
    pab.put("restrict_public_buckets", true);
    ObjectNode own = doc.resource("aws_s3_bucket_ownership_controls", id);
    own.put("provider", provider(region));
    own.put("bucket", expr("aws_s3_bucket." + id + ".id"));
    own.putObject("rule").put("object_ownership", "BucketOwnerEnforced");

    String policyName = id + "_tls_only";
    ObjectNode pd = doc.data("aws_iam_policy_document", policyName);
    pd.put("provider", provider(region));
    ArrayNode st = pd.putArray("statement");
    ObjectNode deny = Conventions.statement(st, "DenyInsecureTransport", "Deny", List.of("s3:*"),
        List.of(expr("aws_s3_bucket." + id + ".arn"), expr("aws_s3_bucket." + id + ".arn") + "/*"));
    deny.putArray("principals").addObject().put("type", "*").set("identifiers", TerraformDoc.strings(List.of("*")));
    ObjectNode cond = deny.putArray("condition").addObject();
    cond.put("test", "Bool");
    cond.put("variable", "aws:SecureTransport");
    cond.set("values", TerraformDoc.strings(List.of("false")));
    ObjectNode policy = doc.resource("aws_s3_bucket_policy", id);
    policy.put("provider", provider(region));
    policy.put("bucket", expr("aws_s3_bucket." + id + ".id"));
    policy.put("policy", expr("data.aws_iam_policy_document." + policyName + ".json"));
    // A policy put before the public access block may count as public and be refused.
    policy.set("depends_on", TerraformDoc.strings(List.of("aws_s3_bucket_public_access_block." + id)));
  }
}
