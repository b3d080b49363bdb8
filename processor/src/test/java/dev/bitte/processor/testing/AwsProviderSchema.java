package dev.bitte.processor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

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

  /** Wraps an already loaded schema document (the format provider-schema.mjs writes). */
  public static AwsProviderSchema of(JsonNode schemaDocument) {
    return new AwsProviderSchema(schemaDocument);
  }

  /** Where the cached schema lives. */
  public static Path cacheFile() {
    return AWS.cacheFile();
  }
}
