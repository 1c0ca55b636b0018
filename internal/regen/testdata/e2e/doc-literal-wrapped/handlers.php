<?php
// Handlers of doc-literal-wrapped.wsdl for TestEndToEnd. In document/literal
// style PHP passes each operation's input wrapper element as one object and
// takes back an array of the output wrapper's children. Each handler checks
// what it received (a mismatch is a SoapFault "e2e: ...") and echoes parts of
// it in its answer.

function product(string $code, int $i, string $availability): array
{
    $p = [
        'code' => $code,
        'name' => 'Widget ' . $code,
        'price' => ['amount' => 12.5 + $i, 'currency' => 'EUR'],
        'availability' => $availability,
    ];
    if ($i > 0) {
        $p['tags'] = array_map(fn ($n) => 't' . $n, range(1, $i));
    }
    return $p;
}

final class Handlers
{
    public function login($p)
    {
        expect(is_string($p->user) && is_string($p->password), 'login', $p);
        return ['token' => 'T:' . $p->user . ':' . $p->password];
    }

    public function getProduct($p)
    {
        expect($p->sessionID === 'S-123', 'getProduct sessionID', $p);
        expect(!isset($p->locale) || is_string($p->locale), 'getProduct locale', $p);
        if ($p->code === 'missing') {
            return [];
        }
        $product = product($p->code, 0, 'BACKORDER');
        if (isset($p->locale)) {
            $product['description'] = 'desc:' . $p->locale;
        }
        return ['product' => $product];
    }

    public function searchProducts($p)
    {
        expect($p->sessionID === 'S-123', 'searchProducts sessionID', $p);
        expect(!isset($p->limit) || is_int($p->limit), 'searchProducts limit', $p);
        $availability = $p->availability ?? ['IN_STOCK'];
        expect(is_array($availability), 'searchProducts availability', $p);
        $products = [];
        for ($i = 0; $i < ($p->limit ?? 2); $i++) {
            $products[] = product($p->query . '-' . $i, $i, $availability[$i % count($availability)]);
        }
        return ['product' => $products];
    }

    public function getDigitalProduct($p)
    {
        expect($p->sessionID === 'S-123', 'getDigitalProduct sessionID', $p);
        $product = product($p->code, 1, 'IN_STOCK');
        $product['description'] = 'digital';
        $product['downloadURL'] = 'https://dl.example/' . $p->code . '?a=1&b=2';
        $product['sizeBytes'] = 1 << 40;
        return ['product' => $product, 'fetchedAt' => '2024-01-02T03:04:05Z'];
    }

    public function updateStock($p)
    {
        expect($p->sessionID === 'S-123', 'updateStock sessionID', $p);
        expect(is_array($p->line), 'updateStock line', $p);
        $n = 0;
        foreach ($p->line as $line) {
            expect(is_string($line->code) && is_int($line->quantity), 'updateStock line', $line);
            $n += $line->quantity;
        }
        if (isset($p->auditNote)) {
            $n += 1000 * strlen($p->auditNote);
        }
        return ['updated' => $n];
    }

    public function ping($p)
    {
        expect(!isset($p->message) || $p->message === 'hello', 'ping message', $p);
        return [];
    }
}
