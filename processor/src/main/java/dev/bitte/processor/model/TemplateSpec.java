package dev.bitte.processor.model;

import dev.bitte.ChangeMode;
import dev.bitte.processor.diag.Source;

/**
 * A task's {@code @Template}. {@code data} holds the text (read from {@code source} when a file was
 * named); {@code sourceFile} is the file as written ("" for inline data).
 */
public record TemplateSpec(String destination, String data, String sourceFile, boolean env, ChangeMode changeMode,
    String changeSignal, Source source) {
  public String changeModeName() {
    return changeMode.name().toLowerCase(java.util.Locale.ROOT);
  }
}
