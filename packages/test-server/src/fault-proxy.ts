/**
 * A TCP proxy on loopback between the code under test and the test server, for fault-injection tests: it can
 * cut every open connection, refuse new ones, stall (stop forwarding while keeping the sockets open), drop a
 * connection right after a chosen statement reached the server, and go away and come back on the same port
 * (what a server restart looks like to a client). It can also behave like MatrixOne on `COM_QUIT`, which leaves the
 * client's socket open (see {@link FaultProxyOptions.swallowQuit}), and like MatrixOne in the insert id it reports
 * for a multi-row INSERT (see {@link FaultProxyOptions.lastInsertId}), and answer chosen statements with a server
 * error MariaDB cannot produce (see {@link FaultProxy.answerWithError}), or rewrite the server's own errors into
 * MatrixOne's (see {@link FaultProxy.rewriteError}), or rewrite the rows the server answers to chosen statements
 * (see {@link FaultProxy.rewriteResults}).
 *
 * It reads the client-to-server direction as MySQL packets (3-byte length, 1-byte sequence, then the
 * command) so that it can recognise a `COM_QUERY` by its SQL text. TLS and protocol compression are not
 * understood; tests connect without them.
 */
import { type Server, type Socket, createConnection, createServer } from 'node:net';
import { LastInsertIdRewriter } from './last-insert-id-rewriter.js';
import { PacketStream, errPacketPayload, packetBytes, splitPackets } from './mysql-packets.js';
import { type ResultRule, ResultSetRewriter } from './result-set-rewriter.js';
import { type ErrorRewrite, ServerErrorRewriter } from './server-error-rewriter.js';

/** MySQL's COM_QUERY command byte: the packet's payload is the statement text. */
const COM_QUERY = 0x03;
/** MySQL's COM_STMT_PREPARE command byte: the packet's payload is the statement text to prepare. */
const COM_STMT_PREPARE = 0x16;
/** MySQL's COM_QUIT command byte: the client says goodbye and expects the server to close the connection. */
const COM_QUIT = 0x01;

/** A statement to drop the connection on; see {@link FaultProxy.dropOnStatement}. */
interface DropRule {
  readonly pattern: RegExp;
  readonly forward: boolean;
  readonly fired: (sql: string) => void;
}

/** A statement answered with an error instead of being forwarded; see {@link FaultProxy.answerWithError}. */
interface ErrorRule {
  readonly pattern: RegExp;
  /** The ERR packet's payload. */
  readonly payload: Buffer;
}

/** The error a server answers with: what {@link FaultProxy.answerWithError} sends. */
type ServerErrorAnswer = Omit<ErrorRewrite, 'from'>;

/** One proxied connection: the client's socket, the upstream socket, and what is held while stalled. */
interface Link {
  readonly client: Socket;
  readonly upstream: Socket;
  /** Client bytes not yet parsed into whole packets. */
  pending: Buffer;
  /** Bytes held back while the proxy is stalled, per direction. */
  readonly heldUp: Buffer[];
  readonly heldDown: Buffer[];
  /**
   * Set once a `COM_QUIT` was swallowed or a FIN left unanswered: the upstream is gone and only the client's
   * socket is kept.
   */
  held: boolean;
  /** Rewrites the server's answers in the MatrixOne insert-id mode ({@link FaultProxyOptions.lastInsertId}). */
  readonly insertIds: LastInsertIdRewriter | undefined;
  /** Rewrites result sets by the rules of {@link FaultProxy.rewriteResults}. */
  readonly results: ResultSetRewriter;
  /**
   * The server's bytes cut into packets, each passed through {@link Link.insertIds}, the error rewriting of
   * {@link FaultProxy.rewriteError} and {@link Link.results}.
   */
  readonly fromServer: PacketStream;
}

/** Options of {@link startFaultProxy}. */
export interface FaultProxyOptions {
  /** Port to listen on; a free one by default. */
  readonly port?: number;
  /**
   * Behave like MatrixOne after `COM_QUIT` (observed on MatrixOne 4.2.0): the QUIT is not forwarded and the
   * client's socket stays open; a client that only half-closes its socket (FIN) gets no FIN back either, as from
   * a peer that never closes. Only a client that destroys its socket frees it on its side. The proxy closes its own
   * upstream connection in both cases, so the test server is not left holding it; anything the client sends
   * afterwards is dropped. The proxy keeps its end of a held connection until {@link FaultProxy.cutAll} or
   * {@link FaultProxy.close}: a client that destroyed its socket and one that only half-closed it both send just
   * a FIN, so the proxy cannot tell them apart. Off by default; {@link FaultProxy.swallowQuit} switches it.
   */
  readonly swallowQuit?: boolean;
  /**
   * Behave like MatrixOne in the answer to a multi-row INSERT (observed on MatrixOne 4.2.0): its OK packet carries
   * the **last** generated id, where MySQL and MariaDB carry the first. The answer to an INSERT or REPLACE (text
   * or prepared) whose OK packet has affected_rows > 1 and a non-zero last-insert-id gets
   * `first + (affected_rows − 1) × increment` instead, in a packet rebuilt with its new length. `increment` is the
   * test server's `auto_increment_increment` for the connections under test (1 by default). Off by default.
   */
  readonly lastInsertId?: { readonly increment?: number };
}

/** A running fault proxy. Every method takes effect at once; none waits for the server. */
export interface FaultProxy {
  /** The loopback port the proxy listens on. */
  readonly port: number;
  /** `upstreamUrl` with host and port replaced by the proxy's, database and credentials unchanged. */
  readonly url: string;
  /** Connections open through the proxy right now. */
  openConnections(): number;
  /** Connections accepted since the proxy started. */
  acceptedConnections(): number;
  /**
   * Switches the MatrixOne-like `COM_QUIT` handling of {@link FaultProxyOptions.swallowQuit} for QUITs and
   * half-closes that arrive from now on.
   */
  swallowQuit(swallow: boolean): void;
  /**
   * Connections held after a swallowed `COM_QUIT` or an unanswered FIN (counted in `openConnections` too),
   * until `cutAll` or `close`; whether the client destroyed its side is seen only on the client.
   */
  heldOpen(): number;
  /** Destroys every open connection (both sides), as a network failure would. New connections still work. */
  cutAll(): void;
  /** While true, new connections are closed as soon as they are accepted; open ones are left alone. */
  refuseNew(refuse: boolean): void;
  /**
   * Stops forwarding in both directions; sockets stay open and bytes are held, so the client waits for an
   * answer that does not come. New connections are accepted and held too. {@link FaultProxy.resume} ends it.
   */
  stall(): void;
  /** Forwards everything held while stalled and goes back to normal. */
  resume(): void;
  /**
   * Arms a one-shot fault: the next `COM_QUERY` whose SQL matches `pattern` is forwarded to the server (or not,
   * with `forward: false`) and then its connection is destroyed before any answer reaches the client: a
   * server that went away in the middle of the statement. Resolves with the statement's SQL once it fired.
   */
  dropOnStatement(pattern: RegExp, options?: { readonly forward?: boolean }): Promise<string>;
  /**
   * Answers every `COM_QUERY` (and `COM_STMT_PREPARE`) whose SQL matches `pattern` with an ERR packet carrying
   * `error` instead of forwarding it: a server error MariaDB cannot produce, such as MatrixOne's `internal error:
   * no account info` (errno 20101) for a `SHOW ACCOUNTS LIKE` that matches nothing. Other statements pass as
   * usual. Returns a function that removes the rule.
   */
  answerWithError(pattern: RegExp, error: ServerErrorAnswer): () => void;
  /**
   * Rewrites every ERR packet the server sends with errno `from` into `error`, on every connection (open ones
   * too): the answer MatrixOne gives for the same failure, such as MariaDB's 1452 into MatrixOne's 20101
   * `internal error: Cannot add or update a child row: a foreign key constraint fails` with SQLSTATE HY000.
   * Returns a function that removes the rule.
   */
  rewriteError(from: number, error: ServerErrorAnswer): () => void;
  /**
   * Rewrites (or drops) the rows of the result sets the server answers to text statements (`COM_QUERY`) matching
   * `rule.statement`, on every connection (open ones too, from their next statement): a catalog answered the way
   * MatrixOne answers it (`answerCatalogLikeMatrixOne`). Returns a function that removes the rule.
   */
  rewriteResults(rule: ResultRule): () => void;
  /**
   * Stops listening and cuts every connection: the port refuses connections until {@link FaultProxy.listen}.
   */
  goDown(): Promise<void>;
  /** Listens again on the same port after {@link FaultProxy.goDown}. */
  listen(): Promise<void>;
  /**
   * Sends new connections to another server from now on (open ones stay where they are): a server replaced
   * behind the same address, as after a restart on new hardware.
   */
  retarget(upstreamUrl: string): void;
  /** Cuts everything and stops listening for good. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts a fault proxy in front of the server at `upstreamUrl` (a `mysql://` URL).
 *
 * @example
 * const proxy = await startFaultProxy(db.url);
 * const client = createClient(proxy.url);
 * proxy.cutAll(); // every pooled connection breaks
 * await proxy.close();
 */
export async function startFaultProxy(
  upstreamUrl: string,
  options: FaultProxyOptions = {},
): Promise<FaultProxy> {
  const target = (url: string) => {
    const parsed = new URL(url);
    return { host: parsed.hostname, port: Number(parsed.port || 3306) };
  };
  let upstream = target(upstreamUrl);
  const links = new Set<Link>();
  const rules: DropRule[] = [];
  const errorRules: ErrorRule[] = [];
  const errorRewrites: ErrorRewrite[] = [];
  const resultRules: ResultRule[] = [];
  let refusing = false;
  let stalled = false;
  let accepted = 0;
  let closed = false;
  let swallowingQuit = options.swallowQuit ?? false;

  const destroy = (link: Link) => {
    links.delete(link);
    link.client.destroy();
    link.upstream.destroy();
  };

  /** Keeps the client's socket open and lets the upstream go: what MatrixOne does after COM_QUIT. */
  const hold = (link: Link) => {
    link.held = true;
    link.upstream.destroy();
  };

  const sendUp = (link: Link, chunk: Buffer) => {
    if (stalled) link.heldUp.push(chunk);
    else link.upstream.write(chunk);
  };

  /** Cuts the client's bytes into packets, checking each COM_QUERY against the armed rules. */
  const fromClient = (link: Link, chunk: Buffer) => {
    const { packets, rest } = splitPackets(Buffer.concat([link.pending, chunk]));
    link.pending = rest;
    for (const packet of packets) {
      if (link.held) continue;
      const { payload } = packet;
      if (swallowingQuit && payload.length === 1 && payload[0] === COM_QUIT) {
        hold(link);
        continue;
      }
      const statement = queryText(payload);
      const errorRule =
        statement === undefined
          ? undefined
          : errorRules.find((candidate) => candidate.pattern.test(statement));
      if (errorRule !== undefined) {
        // The answer's sequence number follows the statement's, as the server's own would.
        const answer = packetBytes({ sequence: (packet.sequence + 1) % 256, payload: errorRule.payload });
        if (stalled) link.heldDown.push(answer);
        else link.client.write(answer);
        continue;
      }
      const bytes = packetBytes(packet);
      const rule =
        payload[0] === COM_QUERY
          ? rules.find((candidate) => candidate.pattern.test(statement ?? ''))
          : undefined;
      if (rule === undefined) {
        link.insertIds?.clientPacket(bytes);
        link.results.clientPacket(bytes);
        sendUp(link, bytes);
        continue;
      }
      rules.splice(rules.indexOf(rule), 1);
      if (rule.forward) {
        // Give the server the statement, then cut once it is written out, before any answer is relayed.
        link.client.pause();
        link.upstream.removeAllListeners('data');
        link.upstream.write(bytes, () => setTimeout(() => destroy(link), 20));
      } else {
        destroy(link);
      }
      rule.fired(statement ?? '');
      return;
    }
  };

  /** The SQL of a `COM_QUERY` or `COM_STMT_PREPARE` payload; `undefined` for other commands. */
  const queryText = (payload: Buffer): string | undefined =>
    payload.length < 1 || (payload[0] !== COM_QUERY && payload[0] !== COM_STMT_PREPARE)
      ? undefined
      : payload.subarray(1).toString('utf8');

  const accept = (client: Socket) => {
    accepted += 1;
    if (refusing || closed) {
      client.destroy();
      return;
    }
    const upstreamSocket = createConnection(upstream);
    const insertIds = options.lastInsertId && new LastInsertIdRewriter(options.lastInsertId.increment);
    const errors = new ServerErrorRewriter(() => errorRewrites);
    const results = new ResultSetRewriter(() => resultRules);
    const link: Link = {
      client,
      upstream: upstreamSocket,
      pending: Buffer.alloc(0),
      heldUp: [],
      heldDown: [],
      held: false,
      insertIds,
      results,
      fromServer: new PacketStream((packet) =>
        results.answer(errors.answer(insertIds ? insertIds.answer(packet) : packet)),
      ),
    };
    links.add(link);
    client.setNoDelay(true);
    upstreamSocket.setNoDelay(true);
    client.on('data', (chunk: Buffer) => fromClient(link, chunk));
    upstreamSocket.on('data', (received: Buffer) => {
      const chunk = link.fromServer.bytes(received);
      if (stalled) link.heldDown.push(chunk);
      else client.write(chunk);
    });
    // The server socket allows half-open connections so that a client's FIN can be left unanswered (what
    // MatrixOne does after COM_QUIT); otherwise the FIN is answered at once, as Node does by default.
    client.on('end', () => {
      if (swallowingQuit || link.held) hold(link);
      else client.end();
    });
    client.on('error', () => destroy(link));
    client.on('close', () => destroy(link));
    upstreamSocket.on('error', () => {
      if (!link.held) destroy(link);
    });
    upstreamSocket.on('close', () => {
      if (!link.held) destroy(link);
    });
  };

  const server: Server = createServer({ allowHalfOpen: true }, accept);
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        const address = server.address();
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('the fault proxy could not read its own port'));
      });
    });
  const stopListening = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) {
        resolve();
        return;
      }
      server.close(() => resolve());
    });
  const cutAll = () => {
    for (const link of [...links]) destroy(link);
  };

  const port = await listen(options.port ?? 0);
  const proxyUrl = new URL(upstreamUrl);
  proxyUrl.hostname = '127.0.0.1';
  proxyUrl.port = String(port);

  return {
    port,
    url: proxyUrl.toString(),
    openConnections: () => links.size,
    acceptedConnections: () => accepted,
    swallowQuit(swallow) {
      swallowingQuit = swallow;
    },
    heldOpen: () => [...links].filter((link) => link.held).length,
    cutAll,
    refuseNew(refuse) {
      refusing = refuse;
    },
    stall() {
      stalled = true;
    },
    resume() {
      stalled = false;
      for (const link of links) {
        for (const chunk of link.heldUp.splice(0)) link.upstream.write(chunk);
        for (const chunk of link.heldDown.splice(0)) link.client.write(chunk);
      }
    },
    dropOnStatement(pattern, { forward = true } = {}) {
      return new Promise<string>((resolve) => {
        rules.push({ pattern, forward, fired: resolve });
      });
    },
    answerWithError(pattern, error) {
      const rule: ErrorRule = { pattern, payload: errPacketPayload(error) };
      errorRules.push(rule);
      return () => {
        const index = errorRules.indexOf(rule);
        if (index >= 0) errorRules.splice(index, 1);
      };
    },
    rewriteError(from, error) {
      const rule: ErrorRewrite = { from, ...error };
      errorRewrites.push(rule);
      return () => {
        const index = errorRewrites.indexOf(rule);
        if (index >= 0) errorRewrites.splice(index, 1);
      };
    },
    rewriteResults(rule) {
      resultRules.push(rule);
      return () => {
        const index = resultRules.indexOf(rule);
        if (index >= 0) resultRules.splice(index, 1);
      };
    },
    async goDown() {
      cutAll();
      await stopListening();
    },
    async listen() {
      if (closed || server.listening) return;
      await listen(port);
    },
    retarget(url) {
      upstream = target(url);
    },
    async close() {
      closed = true;
      rules.length = 0;
      errorRules.length = 0;
      errorRewrites.length = 0;
      resultRules.length = 0;
      cutAll();
      await stopListening();
    },
  };
}
