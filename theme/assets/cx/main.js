// Placeholder, replaced by the assessment runtime.
