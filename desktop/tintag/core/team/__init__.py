"""Team work: assigning documents, bundles between machines, review into gold."""
