<?php
// Router for PHP's built-in web server:
//
//   php -S 127.0.0.1:PORT test/php/router.php
//
// The built-in server does not map a POST to a folder's index.php by itself,
// so every request goes through this script. GET /_health answers "ok" (used
// by test/phpserver to wait for the server); everything else, including
// GET ?wsdl, is handled by the SoapServer in server.php.

declare(strict_types=1);

$path = parse_url($_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH);

if ($path === '/_health') {
    header('Content-Type: text/plain; charset=utf-8');
    header('Cache-Control: no-store');
    // Lets test/phpserver check that it is talking to the php it started.
    header('X-Tco-Instance: ' . (string) getenv('TCO_INSTANCE'));
    echo 'ok';
    return true;
}

require __DIR__ . '/server.php';
return true;
