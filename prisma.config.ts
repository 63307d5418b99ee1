import { defineConfig } from 'prisma/config';

// The CLI only needs the schema path here: `prisma generate` runs offline, and
// migrations are applied by scripts/db-migrate.ts through the WebAssembly schema engine.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/engagement' },
});
