import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { JurisdictionTree } from "../../../contracts/jurisdictions";
import { callerOf } from "../../platform/http/request-context";
import type { JurisdictionDirectory } from "./directory";

export function jurisdictionRoutes(app: FastifyInstance, deps: { directory: JurisdictionDirectory }) {
  app.withTypeProvider<ZodTypeProvider>().get("/api/jurisdictions", { schema: { response: { 200: JurisdictionTree } } }, async (request) => ({
    roots: deps.directory.treeFor(callerOf(request).scope),
  }));
}
