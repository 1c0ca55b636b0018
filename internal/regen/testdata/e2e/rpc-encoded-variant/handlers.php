<?php
// Handlers of rpc-encoded-variant.wsdl for TestEndToEnd. Each checks what it
// received (a mismatch is a SoapFault "e2e: ...", which fails the Go test)
// and answers in the operation's shape, echoing some of what it received.
// placeOrder keeps the order it got in the state directory; getOrder returns
// it, so that an order goes Go -> PHP -> Go.

final class Handlers
{
    public function login($merchantCode, $hash, $algo)
    {
        if ($merchantCode === 'bad') {
            throw new SoapFault('Client', 'AUTH_FAILED: bad merchant');
        }
        expect(is_string($merchantCode) && is_string($hash), 'login arguments', [$merchantCode, $hash]);
        expect($algo === null || is_string($algo), 'login algo', $algo);
        return 'sess:' . $merchantCode . ':' . $hash . ':' . ($algo ?? 'nil');
    }

    public function getOrder($sessionID, $orderRef)
    {
        expect($sessionID === 'S-123', 'getOrder sessionID', $sessionID);
        expect(is_int($orderRef), 'getOrder orderRef', $orderRef);
        $stored = state_file('order-' . $orderRef);
        if (is_file($stored)) {
            return json_decode(file_get_contents($stored), true);
        }
        return [
            'OrderRef' => $orderRef,
            'Status' => 'FRAUD / NOT_RECOGNIZED',
            'Placed' => '2024-05-06T07:08:09Z',
            'ShipTo' => ['Street' => '1 Rue <&> "Test"', 'City' => 'Zürich', 'PostalCode' => null],
            'Items' => [
                ['SKU' => 'A-1', 'Quantity' => 2, 'UnitPrice' => 9.5, 'Discount' => null],
                ['SKU' => 'B-2', 'Quantity' => 1, 'UnitPrice' => 0.25, 'Discount' => 1.5],
            ],
            'Tags' => ['x', 'y'],
            'Total' => 19.25,
            'Paid' => true,
            'Note' => null,
            'Coupon' => 7,
        ];
    }

    public function placeOrder($sessionID, $order, $dryRun)
    {
        expect($sessionID === 'S-123', 'placeOrder sessionID', $sessionID);
        expect($order instanceof stdClass, 'placeOrder order', $order);
        expect(is_int($order->OrderRef), 'OrderRef', $order->OrderRef);
        expect(is_string($order->Status), 'Status', $order->Status);
        expect(is_string($order->Placed), 'Placed', $order->Placed);
        expect($order->ShipTo instanceof stdClass && is_string($order->ShipTo->City), 'ShipTo', $order->ShipTo);
        expect(is_float($order->Total), 'Total', $order->Total);
        expect(is_bool($order->Paid), 'Paid', $order->Paid);
        expect($order->Note === null || is_string($order->Note), 'Note', $order->Note);
        expect($order->Coupon === null || is_int($order->Coupon), 'Coupon', $order->Coupon);
        expect($order->Tags === null || is_array($order->Tags), 'Tags', $order->Tags);
        expect(is_array($order->Items), 'Items', $order->Items);
        foreach ($order->Items as $i => $item) {
            expect(is_string($item->SKU) && is_int($item->Quantity) && is_float($item->UnitPrice), "Items[$i]", $item);
            expect($item->Discount === null || is_float($item->Discount), "Items[$i].Discount", $item->Discount);
        }
        expect($dryRun === null || is_bool($dryRun), 'dryRun', $dryRun);
        file_put_contents(state_file('order-' . $order->OrderRef), json_encode($order, JSON_PRESERVE_ZERO_FRACTION));
        return [
            'orderRef' => $order->OrderRef + 1,
            'status' => $dryRun === null ? $order->Status : ($dryRun ? 'NEW' : 'PAID'),
        ];
    }

    public function addItems($sessionID, $orderRef, $items)
    {
        expect($sessionID === 'S-123', 'addItems sessionID', $sessionID);
        expect(is_int($orderRef) && is_array($items), 'addItems arguments', [$orderRef, $items]);
        $out = [];
        foreach ($items as $item) {
            $out[] = [
                'SKU' => $orderRef . '/' . $item->SKU,
                'Quantity' => $item->Quantity * 2,
                'UnitPrice' => $item->UnitPrice,
                'Discount' => $item->Discount,
            ];
        }
        return $out;
    }

    public function listTags($sessionID, $prefix, $limit)
    {
        expect($sessionID === 'S-123', 'listTags sessionID', $sessionID);
        expect($limit === null || is_int($limit), 'listTags limit', $limit);
        if ($prefix === 'none') {
            return [];
        }
        return [$prefix . '-' . $sessionID, $prefix . '-' . ($limit ?? 'all')];
    }

    public function logout($sessionID)
    {
        expect($sessionID === 'S-123', 'logout sessionID', $sessionID);
        return null;
    }
}
