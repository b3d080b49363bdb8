package dev.bitte.processor.testing;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@link ProviderSchema} of the AWS provider ({@link ProviderSchema#AWS}, from the npm package
 * {@code @cdktn/provider-aws}): checks the {@code aws_*} types and {@code provider "aws"} blocks of
 * Terraform JSON and ignores every other provider's.
 */
public final class AwsProviderSchema extends ProviderSchema {
  private static AwsProviderSchema instance;

  private AwsProviderSchema(JsonNode schema) {
    super(AWS, schema);
  }

  /**
   * The schema, loaded once per JVM; extracted first (about two seconds) if the cache is missing
   * or stale. Missing node packages abort the test (fail it in CI).
   */
  public static synchronized AwsProviderSchema load() {
    if (instance == null) {
      instance = new AwsProviderSchema(document(AWS));
    }
    return instance;
  }
}
