import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Bridge

/// /openapi.yaml is a valid OpenAPI 3.1 document, checked by the reference validator
/// (Python's openapi-spec-validator, installed by scripts/setup.sh; skipped without it).
@Suite struct OpenAPIValidationTests {
    static let validatorAvailable: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import openapi_spec_validator, yaml"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    @Test(.enabled(if: validatorAvailable)) func documentValidatesAsOpenAPI31() async throws {
        let document = try await withBridge { client in
            try await client.execute(uri: "/openapi.yaml", method: .get).text
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("openapi-\(UUID().uuidString).yaml")
        try document.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import sys, yaml
            from openapi_spec_validator import validate
            from openapi_spec_validator.validation import OpenAPIV31SpecValidator
            validate(yaml.safe_load(open(sys.argv[1])), cls=OpenAPIV31SpecValidator)
            """, file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "openapi-spec-validator: \(output)")
    }
}
