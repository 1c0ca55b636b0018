<?php
// Prints the request envelope PHP's SoapClient sends for one call, without
// sending it: php capture.php WSDL OPERATION ARGS.json
// ARGS.json holds the positional arguments; JSON objects become stdClass.
if ($argc !== 4) {
    fwrite(STDERR, "usage: php capture.php WSDL OPERATION ARGS.json\n");
    exit(2);
}
[$_, $wsdl, $op, $argsFile] = $argv;

class CapturingClient extends SoapClient
{
    public string $captured = '';
    public string $action = '';

    public function __doRequest($request, $location, $action, $version, $oneWay = false): ?string
    {
        $this->captured = $request;
        $this->action = $action;
        return '';
    }
}

$args = json_decode(file_get_contents($argsFile), false, 512, JSON_THROW_ON_ERROR);
$client = new CapturingClient($wsdl, ['trace' => 1, 'cache_wsdl' => WSDL_CACHE_NONE, 'exceptions' => true]);
try {
    $client->__soapCall($op, $args);
} catch (SoapFault $e) {
    // The empty response fails to parse; the request was captured already.
}
if ($client->captured === '') {
    fwrite(STDERR, "no request captured\n");
    exit(1);
}
echo $client->captured;
