package io.forewarn.jobs.models;

import java.util.Map;

/** The live model file of every product model at one moment: product model id to the model file's path. */
public record ModelVersions(Map<String, String> files) {}
