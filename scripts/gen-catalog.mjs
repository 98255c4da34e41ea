// Placeholder until the catalog loader lands; replaced by the catalog generator.
