<?php
// A scriptable SoapServer for the integration tests of this module.
//
// It is built from the WSDL named by env TCO_WSDL and keeps all of its state
// in the directory named by env TCO_STATE_DIR, so that Go tests (through
// test/phpserver) can script answers and inspect what was called:
//
//   calls.jsonl          one JSON line per operation call, in arrival order:
//                        {"op":"placeOrder","args":[...decoded arguments...]}
//   responses/<op>.json  the answer of <op> (see TcoJson::decodeResponse);
//                        without this file an operation returns null
//   sessions.json        {"<id>":{"created":<unix time>,"expired":false,
//                        "partner":null}, ...}
//   .lock                flock(2)ed around every read-modify-write of the above
//
// Environment:
//   TCO_WSDL, TCO_STATE_DIR           required
//   TCO_MERCHANT_CODE, TCO_SECRET_KEY what login verifies the hash against
//   TCO_SESSION_TTL                   seconds (may be fractional); when set,
//                                     calls whose first WSDL part is sessionID
//                                     need a live session
//   TCO_SESSION_FAULT_CODE/_STRING    the fault for a missing/expired session
//                                     (INVALID_SESSION / Session not started
//                                     or expired)
//   TCO_CART                          when set, the Channel Manager cart
//                                     operations work on a cart kept in the
//                                     session (placed orders: orders.jsonl)
//   TCO_EXPIRE_AT_ADD                 N: the Nth addProduct call (counted
//                                     over all sessions) expires its session
//   TCO_REQUIRE_PARTNER               when set (not "" or "0"), calls other
//                                     than login, logout, setPartner,
//                                     getPartnerByCode, getPartnerSingleSignOn
//                                     and searchPartners need setPartner first
//
// The secret key and login hashes are never written anywhere: the login call
// is recorded with its hash replaced by "<redacted>".

declare(strict_types=1);

final class TcoState
{
    private string $dir;

    public function __construct(string $dir)
    {
        if ($dir === '' || !is_dir($dir)) {
            throw new SoapFault('Server', 'harness: TCO_STATE_DIR is not a directory');
        }
        $this->dir = rtrim($dir, '/');
    }

    /**
     * Runs $fn while holding an exclusive flock on the state dir's lock file.
     * The Go side takes the same lock, and so do concurrent php -S workers
     * (PHP_CLI_SERVER_WORKERS).
     */
    public function locked(callable $fn): mixed
    {
        $fh = fopen($this->dir . '/.lock', 'c');
        if ($fh === false) {
            throw new SoapFault('Server', 'harness: cannot open lock file');
        }
        try {
            if (!flock($fh, LOCK_EX)) {
                throw new SoapFault('Server', 'harness: cannot lock state dir');
            }
            try {
                return $fn();
            } finally {
                flock($fh, LOCK_UN);
            }
        } finally {
            fclose($fh);
        }
    }

    public function recordCall(string $op, array $args): void
    {
        $line = json_encode(
            ['op' => $op, 'args' => TcoJson::encodeValue(array_values($args))],
            JSON_PRESERVE_ZERO_FRACTION | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR
        ) . "\n";
        $this->locked(function () use ($line): void {
            if (file_put_contents($this->dir . '/calls.jsonl', $line, FILE_APPEND) !== strlen($line)) {
                throw new SoapFault('Server', 'harness: cannot append to calls.jsonl');
            }
        });
    }

    /** The raw JSON text of responses/<op>.json, or null when there is none. */
    public function responseJSON(string $op): ?string
    {
        if (!preg_match('/^[A-Za-z0-9_]+$/', $op)) {
            return null;
        }
        $file = $this->dir . '/responses/' . $op . '.json';
        // The Go side writes these files by rename, so a plain read is atomic.
        $text = @file_get_contents($file);
        return $text === false ? null : $text;
    }

    /** @return array<string, array{created: float, expired: bool, partner: ?string}> */
    private function readSessions(): array
    {
        $text = @file_get_contents($this->dir . '/sessions.json');
        if ($text === false || trim($text) === '') {
            return [];
        }
        $data = json_decode($text, true, 512, JSON_THROW_ON_ERROR);
        return is_array($data) ? $data : [];
    }

    private function writeSessions(array $sessions): void
    {
        $text = $sessions === []
            ? "{}\n"
            : json_encode($sessions, JSON_PRESERVE_ZERO_FRACTION | JSON_UNESCAPED_SLASHES | JSON_THROW_ON_ERROR) . "\n";
        $tmp = $this->dir . '/.sessions.json.' . bin2hex(random_bytes(6));
        if (file_put_contents($tmp, $text) !== strlen($text) || !rename($tmp, $this->dir . '/sessions.json')) {
            @unlink($tmp);
            throw new SoapFault('Server', 'harness: cannot write sessions.json');
        }
    }

    public function createSession(string $id): void
    {
        $this->locked(function () use ($id): void {
            $sessions = $this->readSessions();
            $sessions[$id] = ['created' => microtime(true), 'expired' => false, 'partner' => null];
            $this->writeSessions($sessions);
        });
    }

    /** @return ?array{created: float, expired: bool, partner: ?string} */
    public function session(string $id): ?array
    {
        return $this->locked(fn () => $this->readSessions()[$id] ?? null);
    }

    /**
     * Changes the cart of session $id with $fn(array $cart): array and
     * returns what $fn returned as 'result'. A cart is
     * {items: [...], externalRef: ?string, comment: ?string}.
     */
    public function withCart(string $id, callable $fn): mixed
    {
        return $this->locked(function () use ($id, $fn): mixed {
            $sessions = $this->readSessions();
            if (!isset($sessions[$id])) {
                throw new SoapFault('INVALID_SESSION', 'Session not started or expired');
            }
            $cart = $sessions[$id]['cart'] ?? ['items' => [], 'externalRef' => null, 'comment' => null];
            [$cart, $result] = $fn($cart);
            $sessions[$id]['cart'] = $cart;
            $this->writeSessions($sessions);
            return $result;
        });
    }

    /** Appends a placed order to orders.jsonl. */
    public function recordOrder(array $order): void
    {
        $line = json_encode($order, JSON_PRESERVE_ZERO_FRACTION | JSON_UNESCAPED_SLASHES | JSON_THROW_ON_ERROR) . "\n";
        $this->locked(function () use ($line): void {
            file_put_contents($this->dir . '/orders.jsonl', $line, FILE_APPEND);
        });
    }

    /** Counts addProduct calls across sessions and returns the new count. */
    public function countAdd(): int
    {
        return $this->locked(function (): int {
            $n = (int) @file_get_contents($this->dir . '/adds.count') + 1;
            file_put_contents($this->dir . '/adds.count', (string) $n);
            return $n;
        });
    }

    /** Marks session $id expired. */
    public function expire(string $id): void
    {
        $this->locked(function () use ($id): void {
            $sessions = $this->readSessions();
            if (isset($sessions[$id])) {
                $sessions[$id]['expired'] = true;
                $this->writeSessions($sessions);
            }
        });
    }

    /** Stores the partner in the session; false when there is no such session. */
    public function setPartner(string $id, ?string $partner): bool
    {
        return $this->locked(function () use ($id, $partner): bool {
            $sessions = $this->readSessions();
            if (!isset($sessions[$id])) {
                return false;
            }
            $sessions[$id]['partner'] = $partner;
            $this->writeSessions($sessions);
            return true;
        });
    }
}

final class TcoJson
{
    /**
     * Turns a decoded PHP value into something json_encode writes faithfully:
     * stdClass (any object) -> JSON object, list -> JSON array, a non-list
     * array -> {"$array": {key: value, ...}}, a string that is not UTF-8 ->
     * {"$base64": "..."}, NAN/INF -> {"$float": "NAN"|"INF"|"-INF"}, an
     * object that contains itself -> {"$cycle": true}.
     */
    public static function encodeValue(mixed $v, array $stack = []): mixed
    {
        if ($v === null || is_bool($v) || is_int($v)) {
            return $v;
        }
        if (is_float($v)) {
            if (is_nan($v)) {
                return self::marker('$float', 'NAN');
            }
            if (is_infinite($v)) {
                return self::marker('$float', $v > 0 ? 'INF' : '-INF');
            }
            return $v;
        }
        if (is_string($v)) {
            return preg_match('//u', $v) === 1 ? $v : self::marker('$base64', base64_encode($v));
        }
        if (is_array($v)) {
            if (array_is_list($v)) {
                return array_map(fn ($e) => self::encodeValue($e, $stack), $v);
            }
            $o = new stdClass();
            foreach ($v as $k => $e) {
                $o->{(string) $k} = self::encodeValue($e, $stack);
            }
            return self::marker('$array', $o);
        }
        if (is_object($v)) {
            $id = spl_object_id($v);
            if (isset($stack[$id])) {
                return self::marker('$cycle', true);
            }
            $stack[$id] = true;
            $o = new stdClass();
            foreach (get_object_vars($v) as $k => $e) {
                $o->{(string) $k} = self::encodeValue($e, $stack);
            }
            return $o;
        }
        return self::marker('$unsupported', get_debug_type($v));
    }

    private static function marker(string $key, mixed $value): stdClass
    {
        $o = new stdClass();
        $o->{$key} = $value;
        return $o;
    }

    /** The single key of a one-property object, or null. */
    private static function soleKey(mixed $v): ?string
    {
        if (!$v instanceof stdClass) {
            return null;
        }
        $vars = get_object_vars($v);
        return count($vars) === 1 ? (string) array_key_first($vars) : null;
    }

    /**
     * Decodes a scripted answer: JSON objects become stdClass, arrays PHP
     * lists, {"$base64": "..."} a binary string, {"$float": "1.0"} a float
     * (also "NAN", "INF", "-INF"), and an array element {"$same": N} the very
     * same PHP object instance as element N of that array (so ext/soap
     * writes it once with id="refK" and then href="#refK").
     */
    public static function decodeValue(mixed $v): mixed
    {
        if (is_array($v)) {
            $out = [];
            $same = [];
            foreach ($v as $i => $e) {
                if (self::soleKey($e) === '$same') {
                    $same[$i] = $e->{'$same'};
                    $out[$i] = null;
                    continue;
                }
                $out[$i] = self::decodeValue($e);
            }
            foreach ($same as $i => $n) {
                if (!is_int($n) || !array_key_exists($n, $out) || array_key_exists($n, $same)) {
                    throw new SoapFault('Server', "harness: bad {\"\$same\": ...} at index $i");
                }
                $out[$i] = $out[$n]; // objects are handles: the same instance
            }
            return $out;
        }
        if ($v instanceof stdClass) {
            switch (self::soleKey($v)) {
                case '$base64':
                    $bin = base64_decode((string) $v->{'$base64'}, true);
                    if ($bin === false) {
                        throw new SoapFault('Server', 'harness: bad $base64 value');
                    }
                    return $bin;
                case '$float':
                    $f = $v->{'$float'};
                    return match (is_string($f) ? strtoupper($f) : null) {
                        'NAN' => NAN,
                        'INF', '+INF' => INF,
                        '-INF' => -INF,
                        default => is_numeric($f) ? (float) $f
                            : throw new SoapFault('Server', 'harness: bad $float value'),
                    };
                case '$same':
                    throw new SoapFault('Server', 'harness: {"$same": N} outside an array');
            }
            $o = new stdClass();
            foreach (get_object_vars($v) as $k => $e) {
                $o->{$k} = self::decodeValue($e);
            }
            return $o;
        }
        return $v;
    }

    /**
     * Turns the text of responses/<op>.json into the operation's result, or
     * throws the SoapFault it scripts: {"$fault": {"code": C, "string": S}}
     * (optionally "detail": any value).
     */
    public static function decodeResponse(string $text): mixed
    {
        try {
            $v = json_decode($text, false, 512, JSON_THROW_ON_ERROR);
        } catch (JsonException $e) {
            throw new SoapFault('Server', 'harness: invalid response JSON: ' . $e->getMessage());
        }
        if (self::soleKey($v) === '$fault') {
            $f = $v->{'$fault'};
            if (!$f instanceof stdClass) {
                throw new SoapFault('Server', 'harness: $fault must be an object');
            }
            $detail = isset($f->detail) ? self::decodeValue($f->detail) : null;
            throw new SoapFault((string) ($f->code ?? 'Server'), (string) ($f->string ?? ''), null, $detail);
        }
        return self::decodeValue($v);
    }
}

final class TcoHandler
{
    private const PARTNER_FREE = [
        'login', 'logout', 'setPartner', 'getPartnerByCode', 'getPartnerSingleSignOn', 'searchPartners',
    ];

    /** @var ?array<string, string> operation => name of its first input part */
    private ?array $firstPart = null;

    public function __construct(private TcoState $state, private string $wsdl)
    {
    }

    /**
     * Runs an operation; anything thrown that is not a SoapFault (a harness
     * bug, a bad scripted answer) becomes a "Server" fault and is logged.
     */
    private static function guard(string $op, callable $fn): mixed
    {
        try {
            return $fn();
        } catch (SoapFault $f) {
            throw $f;
        } catch (Throwable $e) {
            error_log("tco soap harness: $op: " . get_class($e) . ': ' . $e->getMessage());
            throw new SoapFault('Server', 'harness: ' . $e->getMessage());
        }
    }

    public function login($merchantCode = null, $date = null, $hash = null, $algo = null)
    {
        $args = func_get_args();
        return self::guard('login', fn () => $this->doLogin($args, $merchantCode, $date, $hash, $algo));
    }

    private function doLogin(array $args, $merchantCode, $date, $hash, $algo)
    {
        if (array_key_exists(2, $args) && $args[2] !== null) {
            $args[2] = '<redacted>';
        }
        $this->state->recordCall('login', $args);

        $scripted = $this->state->responseJSON('login');
        $id = $scripted === null ? null : TcoJson::decodeResponse($scripted); // throws a scripted fault

        $code = (string) getenv('TCO_MERCHANT_CODE');
        $key = (string) getenv('TCO_SECRET_KEY');
        $hashAlgo = match ($algo) {
            null => 'md5',
            'sha256', 'sha3-256' => $algo,
            default => null,
        };
        $ok = false;
        if ($hashAlgo !== null && is_string($hash) && is_string($merchantCode) && is_string($date)
            && $merchantCode === $code) {
            $data = strlen($code) . $code . strlen($date) . $date;
            $ok = hash_equals(hash_hmac($hashAlgo, $data, $key), $hash);
        }
        if (!$ok) {
            throw new SoapFault('AUTHENTICATION_FAILED', 'Authentication failed');
        }
        if (!is_string($id) || $id === '') {
            $id = bin2hex(random_bytes(16));
        }
        $this->state->createSession($id);
        return $id;
    }

    public function setPartner($sessionID = null, $partnerCode = null)
    {
        $args = func_get_args();
        return self::guard('setPartner', fn () => $this->doSetPartner($args, $sessionID, $partnerCode));
    }

    private function doSetPartner(array $args, $sessionID, $partnerCode)
    {
        $this->state->recordCall('setPartner', $args);
        $this->checkSession('setPartner', $args);
        $scripted = $this->state->responseJSON('setPartner');
        $result = $scripted === null ? true : TcoJson::decodeResponse($scripted);
        if (is_string($sessionID)) {
            $this->state->setPartner($sessionID, $partnerCode === null ? null : (string) $partnerCode);
        }
        return $result;
    }

    public function __call($name, $args)
    {
        return self::guard((string) $name, fn () => $this->call((string) $name, $args));
    }

    private function call(string $name, array $args)
    {
        $this->state->recordCall($name, $args);
        if ($name === 'addProduct' && self::envFlag('TCO_EXPIRE_AT_ADD')
            && $this->state->countAdd() === (int) getenv('TCO_EXPIRE_AT_ADD') && is_string($args[0] ?? null)) {
            $this->state->expire($args[0]); // the session is lost midway through a cart
        }
        $this->checkSession($name, $args);
        $scripted = $this->state->responseJSON($name);
        if ($scripted === null && self::envFlag('TCO_CART') && is_string($args[0] ?? null)) {
            $cart = $this->cart($name, $args[0], array_slice($args, 1));
            if ($cart !== self::NOT_A_CART_OP) {
                return $cart;
            }
        }
        return $scripted === null ? null : TcoJson::decodeResponse($scripted);
    }

    private const NOT_A_CART_OP = "\0not a cart operation";

    /**
     * The Channel Manager cart, kept in the session: clearProducts,
     * addProduct(productId, quantity, priceOptions, pricingListCode),
     * deleteProduct, setExternalRef, setComment, getContents and placeOrder,
     * which records the order in orders.jsonl and empties the cart.
     */
    private function cart(string $op, string $sid, array $a): mixed
    {
        $empty = fn () => new SoapFault('EMPTY_CART', 'The cart is empty');
        switch ($op) {
            case 'clearProducts':
                return $this->state->withCart($sid, fn ($c) => [array_merge($c, ['items' => []]), true]);
            case 'addProduct':
                $item = ['ProductId' => $a[0] ?? null, 'Quantity' => $a[1] ?? 1, 'PriceOptions' => $a[2] ?? null, 'PricingListCode' => $a[3] ?? null];
                return $this->state->withCart($sid, function ($c) use ($item) {
                    $c['items'][] = $item;
                    return [$c, true];
                });
            case 'deleteProduct':
                return $this->state->withCart($sid, function ($c) use ($a, $empty) {
                    if ($c['items'] === []) {
                        throw $empty();
                    }
                    $c['items'] = array_values(array_filter($c['items'], fn ($i) => $i['ProductId'] !== ($a[0] ?? null)));
                    return [$c, true];
                });
            case 'setExternalRef':
                return $this->state->withCart($sid, fn ($c) => [array_merge($c, ['externalRef' => $a[0] ?? null]), true]);
            case 'setComment':
                return $this->state->withCart($sid, fn ($c) => [array_merge($c, ['comment' => $a[0] ?? null]), true]);
            case 'getContents':
                return $this->state->withCart($sid, function ($c) use ($empty) {
                    if ($c['items'] === []) {
                        throw $empty();
                    }
                    return [$c, new stdClass()];
                });
            case 'placeOrder':
                $session = $this->state->session($sid);
                $order = $this->state->withCart($sid, function ($c) use ($empty) {
                    if ($c['items'] === []) {
                        throw $empty();
                    }
                    return [['items' => [], 'externalRef' => null, 'comment' => null], $c];
                });
                $refNo = (string) random_int(10000000, 99999999);
                $this->state->recordOrder(['RefNo' => $refNo, 'Session' => $sid, 'Partner' => $session['partner'] ?? null] + $order);
                $total = 0;
                foreach ($order['items'] as $i) {
                    $total += (int) $i['Quantity'];
                }
                $o = new stdClass();
                $o->RefNo = $refNo;
                $o->Status = 'PENDING';
                $o->OrderLockReason = [];
                $o->ProformaNumber = null;
                $o->TotalAmount = (float) $total;
                $o->Currency = 'USD';
                $o->TotalSubbscriptionsNumber = count($order['items']);
                return $o;
        }
        return self::NOT_A_CART_OP;
    }

    private static function envFlag(string $name): bool
    {
        $v = getenv($name);
        return $v !== false && $v !== '' && $v !== '0';
    }

    private function checkSession(string $op, array $args): void
    {
        $ttlEnv = getenv('TCO_SESSION_TTL');
        $ttl = ($ttlEnv === false || $ttlEnv === '') ? null : (float) $ttlEnv;
        $requirePartner = self::envFlag('TCO_REQUIRE_PARTNER');
        if (($ttl === null && !$requirePartner) || $op === 'login') {
            return;
        }
        $first = $this->firstPartName($op);
        if ($first === null ? !is_string($args[0] ?? null) : $first !== 'sessionID') {
            return;
        }
        $sid = $args[0] ?? null;
        $session = is_string($sid) ? $this->state->session($sid) : null;
        if ($session === null
            || !empty($session['expired'])
            || ($ttl !== null && microtime(true) - (float) $session['created'] > $ttl)) {
            $code = getenv('TCO_SESSION_FAULT_CODE');
            $msg = getenv('TCO_SESSION_FAULT_STRING');
            throw new SoapFault(
                ($code === false || $code === '') ? 'INVALID_SESSION' : $code,
                ($msg === false || $msg === '') ? 'Session not started or expired' : $msg
            );
        }
        if ($requirePartner && !in_array($op, self::PARTNER_FREE, true)
            && ($session['partner'] ?? null) === null) {
            throw new SoapFault('INVALID_PARTNER', 'No partner set');
        }
    }

    /**
     * The name of the operation's first input part per the WSDL ('' when it
     * has none), or null if unknown. ext/dom may be missing (php-xml is a
     * separate package), so this reads SoapClient::__getFunctions(), e.g.
     * "Order placeOrder(string $sessionID, Order $Order)".
     */
    private function firstPartName(string $op): ?string
    {
        if ($this->firstPart === null) {
            $this->firstPart = [];
            try {
                $client = new SoapClient($this->wsdl, ['cache_wsdl' => WSDL_CACHE_NONE]);
                foreach ($client->__getFunctions() ?? [] as $sig) {
                    if (preg_match('/(\w+)\(([^()]*)\)\s*$/', $sig, $m)) {
                        $this->firstPart[$m[1]] = preg_match('/^\s*\S+\s+\$(\w+)/', $m[2], $p) ? $p[1] : '';
                    }
                }
            } catch (Throwable $e) {
                error_log('tco soap harness: cannot read operations from the WSDL: ' . $e->getMessage());
            }
        }
        return $this->firstPart[$op] ?? null;
    }
}

(static function (): void {
    $wsdl = (string) getenv('TCO_WSDL');
    ini_set('soap.wsdl_cache_enabled', '0');
    try {
        $server = new SoapServer($wsdl, ['cache_wsdl' => WSDL_CACHE_NONE]);
    } catch (Throwable $e) {
        http_response_code(500);
        error_log('tco soap harness: cannot load WSDL ' . $wsdl . ': ' . $e->getMessage());
        echo 'cannot load WSDL';
        return;
    }
    try {
        $server->setObject(new TcoHandler(new TcoState((string) getenv('TCO_STATE_DIR')), $wsdl));
    } catch (SoapFault $f) {
        $server->fault($f->faultcode, $f->getMessage());
        return;
    }
    $server->handle();
})();
