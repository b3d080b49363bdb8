package dev.bitte.processor.diag;

public enum Severity { ERROR, WARNING, NOTE }
