/// The OpenAPI 3.1 description of every endpoint, served at `GET /openapi.yaml`.
///
/// Kept by hand next to the routes in `Resources/openapi.yaml`, which the package embeds
/// in the binary; a test compares its `paths` with the router's, and schemathesis checks
/// the live bridge against it (`HTTPContractTests`).
enum OpenAPIDocument {
    /// The document, with the bridge's version filled in.
    static func yaml(version: String) -> String {
        template.replacing("{{VERSION}}", with: version)
    }

    private static let template = String(decoding: PackageResources.openapi_yaml, as: UTF8.self)
}
