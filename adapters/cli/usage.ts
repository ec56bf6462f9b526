export const usage = `Usage: iprisk <command> [options]

Commands:
  ask [--json] [--session ID] [--explain] "question"
                                          answer one question (with --session, follow-ups use its history;
                                          --explain: why this answer or abstention)
  chat                                     interactive chat in the terminal
  index [--json] [--rollback] [--no-notice]
                                           build or refresh the knowledge index; --rollback serves the previous version;
                                           followers of changed documents' markets are told unless --no-notice
  warn [--markets "US DE"] [--segment ID]… [--ip-type T]… --en TEXT --zh TEXT [--preview] [--json]
                                           a risk warning to followers (REDIS_URL: the running service sends it);
                                           --preview: how many it reaches and the text in both languages, nothing sent
  eval FILE.jsonl|FOLDER [--json] [--aggregate]
                                          run an eval set and print its figures (--aggregate: no failures shown)
  tickets list [--json] [--all] | show ID [--json]
                                           assistance requests, most urgent first (--all: closed too)
  serve                                    HTTP server plus every configured chat adapter
  bench [--json] [--scales 1,10,100] [--eval DIR] [--chart DIR|none]
                                           ask latency, five retrievers side by side (hit@1, hit@3, MRR, p50/p95) on the
                                           labelled eval items, and cost at 1×/10×/100× the knowledge; writes DIR/bench.svg and bench.json
  bench --scale N [--json]                 one scale in this process: full build, ask p50/p95, one-document reload, memory
  loadtest [--url URL] [--sessions N] [--questions M] [--concurrency C]
           [--redis-down-after S --redis-down-for S] [--json]
                                           N sessions × M questions against a running service (default 200 × 20 at 20,
                                           http://127.0.0.1:HTTP_PORT); optional Redis outage (REDIS_URL, local
                                           redis-server); reads back lost or doubled turns and, with ADMIN_TOKEN, tickets

Configuration comes from the environment (see .env.example).`;
