import { z } from "zod";

/** Every setting the server reads, validated at boot; the README's configuration table mirrors this. */
const EnvSchema = z.object({
  HOST: z.string().default("127.0.0.1").describe("Address the HTTP server listens on"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe("Port of the HTTP server"),
  DATABASE_URL: z.string().optional().describe("External PostgreSQL (15+); when unset an embedded cluster runs under DATA_DIR"),
  DATA_DIR: z
    .string()
    .optional()
    .describe(
      "Where the embedded PostgreSQL keeps its cluster (pg/) and uploaded files (files/); unset: ./data, or under /var/lib/yian when root and postgres cannot enter the project",
    ),
  EMBEDDED_PG_PORT: z.coerce.number().int().default(54320).describe("Port of the embedded PostgreSQL (loopback only)"),
  SEED: z.enum(["demo", "none"]).default("demo").describe("Data loaded into an empty database at first start"),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30).describe("A session ends after this many idle minutes"),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5).describe("Failed logins that lock an account"),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().positive().default(15).describe("How long a locked account stays locked"),
  COOKIE_SECURE: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true")
    .describe("Mark cookies Secure; set true behind HTTPS"),
  TRUST_PROXY: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true")
    .describe("Take the client address from X-Forwarded-For (behind a reverse proxy)"),
  PUBLIC_URL: z
    .url()
    .optional()
    .describe("Address users open the app at (https://yian.example.cn), printed in the QR codes of notices; unset: the address of the request"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("warn").describe("Server log level (info logs every request)"),
});

export type Config = z.infer<typeof EnvSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}
