import ExcelJS from "exceljs";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import type { Access } from "../contracts/route";
import type { RecordKind } from "../contracts/validation";

/** The JSON schema of a parameter or body field, as far as the walkers read it. */
export interface FieldSchema {
  type?: string;
  format?: string;
  title?: string;
  enum?: string[];
  "x-references"?: RecordKind;
  properties?: Record<string, FieldSchema>;
  required?: string[];
}

export interface Operation {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** As the OpenAPI writes it: /api/institutions/{id}. */
  path: string;
  access: Access;
  parameters: { name: string; in: "path" | "query"; schema: FieldSchema }[];
  /** The JSON body's schema and the example the contract documents, for routes that take one. */
  body?: { schema: FieldSchema; example: Record<string, unknown> };
  upload: boolean;
}

interface OpenApiOperation {
  "x-access": Access;
  parameters?: { name: string; in: "path" | "query"; schema: FieldSchema }[];
  requestBody?: { content: Record<string, { schema: FieldSchema; example?: Record<string, unknown> }> };
  "x-upload"?: string;
}

/** Every operation of the app's OpenAPI document: the routes a walker tries, new ones included. */
export async function operationsOf(app: FastifyInstance): Promise<Operation[]> {
  const document = (await app.inject({ method: "GET", url: "/api/openapi.json" })).json() as { paths: Record<string, Record<string, OpenApiOperation>> };
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => {
      const json = operation.requestBody?.content["application/json"];
      return {
        method: method.toUpperCase() as Operation["method"],
        path,
        access: operation["x-access"],
        parameters: operation.parameters ?? [],
        body: json ? { schema: json.schema, example: json.example ?? {} } : undefined,
        upload: operation["x-upload"] !== undefined,
      };
    }),
  );
}

/** The URL of an operation with its path parameters filled in and a query string. */
export function urlOf(operation: Operation, params: Record<string, string>, query: Record<string, string> = {}): string {
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ""));
  const search = Object.entries(query)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join("&");
  return search ? `${path}?${search}` : path;
}

/** Everything a response says, as text: the JSON body, or every cell of a workbook it sends. */
export async function responseText(response: LightMyRequestResponse): Promise<string> {
  if (!String(response.headers["content-type"]).includes("spreadsheetml")) return response.body;
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  const cells: string[] = [];
  for (const sheet of book.worksheets) sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text))));
  return cells.join("\n");
}
