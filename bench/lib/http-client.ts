/**
 * A signed-in browser stand-in: keeps the session and CSRF cookies and sends them back, as the
 * web app does. Node's fetch (undici) keeps the loopback connection alive between requests.
 */
export class ApiClient {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  private keepCookies(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === "" || /expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** The value of a cookie the server has set, e.g. the session's, for looking it up as the server does. */
  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** GET /api/auth/session for the CSRF cookie, then POST /api/auth/login echoing it in X-CSRF-Token. */
  async login(username: string, password: string): Promise<void> {
    const state = await fetch(`${this.baseUrl}/api/auth/session`, { headers: { cookie: this.cookieHeader() } });
    this.keepCookies(state);
    const { csrfToken } = (await state.json()) as { csrfToken: string };
    const response = await fetch(`${this.baseUrl}/api/auth/login`, {
      method: "POST",
      headers: { cookie: this.cookieHeader(), "content-type": "application/json", "x-csrf-token": csrfToken },
      body: JSON.stringify({ username, password }),
    });
    this.keepCookies(response);
    if (!response.ok) throw new Error(`login as ${username} failed: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  }

  /** Uploads one file as the web app does (multipart, field "file", the CSRF header); returns the body. */
  async upload(path: string, fileName: string, content: Buffer): Promise<string> {
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(content)]), fileName);
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: "POST",
      headers: { cookie: this.cookieHeader(), "x-csrf-token": this.cookies.get("yian_csrf") ?? "" },
      body: form,
    });
    return response.text();
  }

  /** POSTs a JSON body as the web app does (the CSRF header); returns the body. */
  async postJson(path: string, body: unknown): Promise<string> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: "POST",
      headers: { cookie: this.cookieHeader(), "content-type": "application/json", "x-csrf-token": this.cookies.get("yian_csrf") ?? "" },
      body: JSON.stringify(body),
    });
    return response.text();
  }

  /** A GET whose whole body has been received; the caller times this. */
  async get(pathAndQuery: string): Promise<{ status: number; body: ArrayBuffer }> {
    const response = await fetch(`${this.baseUrl}${pathAndQuery}`, { headers: { cookie: this.cookieHeader() } });
    return { status: response.status, body: await response.arrayBuffer() };
  }
}
