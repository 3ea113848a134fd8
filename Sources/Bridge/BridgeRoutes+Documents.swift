import Hummingbird

extension BridgeRoutes {
    /// `GET /metrics`: the broker's metrics (fetched over the bus) followed by the bridge's.
    ///
    /// Always 200: a scrape that cannot reach the broker still reports the bridge, with
    /// `cluster_bridge_broker_up 0`, so the outage itself shows in Prometheus.
    func prometheus() async -> Response {
        var text = ""
        var brokerUp = true
        do {
            text = try await ask { try await $0.metrics() }
            if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
        } catch {
            brokerUp = false
            metrics.recordBrokerScrapeFailure()
            logger.debug("broker metrics unavailable", metadata: ["error": "\(error)"])
        }
        text += metrics.render(brokerUp: brokerUp)
        return JSONWireHTTP.text(text, contentType: PrometheusText.contentType)
    }

    /// `GET /openapi.yaml`.
    func openAPI() -> Response {
        JSONWireHTTP.text(
            OpenAPIDocument.yaml(version: configuration.version), contentType: "application/yaml; charset=utf-8")
    }

    /// `GET /ui`: the console, a static page; its script asks the API (with the token from
    /// the page's own storage) for data.
    func statusPage() -> Response {
        var response = JSONWireHTTP.text(StatusPage.html, contentType: "text/html; charset=utf-8")
        response.headers[.init("Content-Security-Policy")!] = StatusPage.contentSecurityPolicy
        return response
    }
}
