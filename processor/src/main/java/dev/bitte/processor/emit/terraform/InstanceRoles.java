package dev.bitte.processor.emit.terraform;

import static dev.bitte.processor.emit.terraform.Conventions.tags;
import static dev.bitte.processor.emit.terraform.TerraformDoc.expr;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bitte.processor.plan.FleetPlan;
import java.util.List;

/**
 * IAM for instances, least privilege: what a node's agents call and nothing else.
 *
 * <ul>
 *   <li>{@code ec2:DescribeInstances}, {@code ec2:DescribeTags}: Consul's and Nomad's cloud
 *       auto-join ({@code provider=aws tag_key=bitte-join ...}). These actions have no
 *       resource-level permissions, so the resource is {@code *}.
 *   <li>{@code s3:GetObject} on the cache bucket's objects and {@code s3:ListBucket} on it: the
 *       Nix substituter reading the cluster's binary cache.
 *   <li>Servers only: {@code kms:Encrypt}, {@code kms:Decrypt}, {@code kms:DescribeKey} on the
 *       Vault unseal key (Vault's awskms seal).
 *   <li>Client groups only: {@code s3:GetObject} on their own secrets prefix in the state bucket,
 *       {@code s3:ListBucket} restricted to that prefix, and {@code kms:Decrypt} on the state key
 *       (the bucket's encryption): what their boot-time secrets fetch needs
 *       ({@link FleetPlan#groupSecretsPrefix}).
 * </ul>
 */
final class InstanceRoles {
  private InstanceRoles() {}

  /** Looks the bootstrap-created cache bucket up by its derived name. */
  static void cacheBucket(TerraformDoc doc, String bucket, String provider) {
    ObjectNode d = doc.data("aws_s3_bucket", "cache");
    d.put("provider", provider);
    d.put("bucket", bucket);
  }

  /**
   * The state bucket and its KMS key, looked up by their derived names: a client group's role
   * reads its secrets there.
   */
  static void stateBucket(TerraformDoc doc, FleetPlan plan, String provider) {
    ObjectNode b = doc.data("aws_s3_bucket", "state");
    b.put("provider", provider);
    b.put("bucket", plan.fleet().stateBucket());
    ObjectNode k = doc.data("aws_kms_key", "state");
    k.put("provider", provider);
    k.put("key_id", Conventions.stateKmsAlias(plan));
  }

  /**
   * A role, its inline policy and its instance profile, all named {@code name}.
   *
   * @param unsealKeyArn the Vault unseal key's ARN expression, or null for nodes without Vault
   * @param secretsPrefix a client group's secrets prefix in the state bucket ({@link #stateBucket}), or null
   * @return the expression of the instance profile's name
   */
  static String write(TerraformDoc doc, String provider, String id, String name, String assumeRoleDoc, String unsealKeyArn,
      String secretsPrefix) {
    String policyDoc = id + "_instance";
    ObjectNode pd = doc.data("aws_iam_policy_document", policyDoc);
    pd.put("provider", provider);
    ArrayNode st = pd.putArray("statement");
    Conventions.statement(st, "CloudAutoJoin", "Allow", List.of("ec2:DescribeInstances", "ec2:DescribeTags"), List.of("*"));
    Conventions.statement(st, "BinaryCacheList", "Allow", List.of("s3:ListBucket"), List.of(expr("data.aws_s3_bucket.cache.arn")));
    Conventions.statement(st, "BinaryCacheRead", "Allow", List.of("s3:GetObject"), List.of(expr("data.aws_s3_bucket.cache.arn") + "/*"));
    if (unsealKeyArn != null) {
      Conventions.statement(st, "VaultAutoUnseal", "Allow", List.of("kms:Decrypt", "kms:DescribeKey", "kms:Encrypt"), List.of(unsealKeyArn));
    }
    if (secretsPrefix != null) {
      ObjectNode list = Conventions.statement(st, "SecretsList", "Allow", List.of("s3:ListBucket"), List.of(expr("data.aws_s3_bucket.state.arn")));
      ObjectNode cond = list.putArray("condition").addObject();
      cond.put("test", "StringLike");
      cond.put("variable", "s3:prefix");
      cond.set("values", TerraformDoc.strings(List.of(secretsPrefix + "*")));
      Conventions.statement(st, "SecretsRead", "Allow", List.of("s3:GetObject"), List.of(expr("data.aws_s3_bucket.state.arn") + "/" + secretsPrefix + "*"));
      Conventions.statement(st, "SecretsDecrypt", "Allow", List.of("kms:Decrypt"), List.of(expr("data.aws_kms_key.state.arn")));
    }

    ObjectNode role = doc.resource("aws_iam_role", id);
    role.put("provider", provider);
    role.put("name", name);
    role.put("description", "Instances of " + name);
    role.put("assume_role_policy", expr("data.aws_iam_policy_document." + assumeRoleDoc + ".json"));
    role.set("tags", tags(name));

    ObjectNode policy = doc.resource("aws_iam_role_policy", id);
    policy.put("provider", provider);
    policy.put("name", name);
    policy.put("role", expr("aws_iam_role." + id + ".id"));
    policy.put("policy", expr("data.aws_iam_policy_document." + policyDoc + ".json"));

    ObjectNode profile = doc.resource("aws_iam_instance_profile", id);
    profile.put("provider", provider);
    profile.put("name", name);
    profile.put("role", expr("aws_iam_role." + id + ".name"));
    profile.set("tags", tags(name));
    return expr("aws_iam_instance_profile." + id + ".name");
  }
}
