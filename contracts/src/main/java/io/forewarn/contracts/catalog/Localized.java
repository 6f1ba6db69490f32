package io.forewarn.contracts.catalog;

/** Customer-facing text in the two languages Forewarn speaks. */
public record Localized(String en, String zh) implements java.io.Serializable {
    /** The text in {@code language} ("zh" or "en"); English when the language is unknown. */
    public String in(String language) {
        return "zh".equals(language) ? zh : en;
    }
}
