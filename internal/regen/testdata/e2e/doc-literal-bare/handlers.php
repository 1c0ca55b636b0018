<?php
// Handlers of doc-literal-bare.wsdl for TestEndToEnd. PHP passes each input
// part's element (an OrderRequest object, a string) as an argument and
// serializes the return value as the output part's element. Each handler
// checks what it received (a mismatch is a SoapFault "e2e: ...") and echoes
// parts of it in its answer.

final class Handlers
{
    public function submitOrder($order)
    {
        expect($order instanceof stdClass && is_string($order->customer), 'submitOrder order', $order);
        expect(is_array($order->line) && count($order->line) > 0, 'submitOrder line', $order);
        expect(!isset($order->express) || is_bool($order->express), 'submitOrder express', $order);
        expect(!isset($order->priority) || is_int($order->priority), 'submitOrder priority', $order);
        $qty = 0;
        foreach ($order->line as $line) {
            expect(is_string($line->sku) && is_int($line->qty), 'submitOrder line', $line);
            $qty += $line->qty;
        }
        $out = [
            'orderNumber' => 1000 + count($order->line),
            'lines' => $qty,
            'note' => 'for ' . $order->customer . ' prio ' . ($order->priority ?? 'none'),
        ];
        if ($order->express ?? false) {
            $out['eta'] = '2024-02-03';
        }
        return $out;
    }

    public function echo($text)
    {
        expect(is_string($text), 'echo text', $text);
        return 'echo: ' . $text;
    }
}
