import DecisionFiles
import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import NIOCore
import Pricing
import ReferenceData

/// The Mustache templates (Resources/templates), parsed once when the router is built.
struct PageRenderer: Sendable {
    let library: MustacheLibrary
    let stylesheet: String
    /// The program spec the planner page starts from.
    let exampleProgram: String

    /// Parsed once per process; the templates ship in the bundle, so a failure is a packaging bug
    /// the page tests catch.
    static let shared: Result<PageRenderer, any Error> = Result { try load() }

    static func load() throws -> PageRenderer {
        guard
            let templates = Bundle.module.url(forResource: "templates", withExtension: nil, subdirectory: "Resources"),
            let css = Bundle.module.url(forResource: "app", withExtension: "css", subdirectory: "Resources/static"),
            let program = Bundle.module.url(
                forResource: "program-example", withExtension: "yaml", subdirectory: "Resources/static")
        else {
            throw PageError.missingResources
        }
        var parsed: [String: MustacheTemplate] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: templates.path)
        where name.hasSuffix(".mustache") {
            let text = try String(contentsOf: templates.appendingPathComponent(name), encoding: .utf8)
            parsed[String(name.dropLast(".mustache".count))] = try MustacheTemplate(string: text)
        }
        return PageRenderer(
            library: MustacheLibrary(templates: parsed), stylesheet: try String(contentsOf: css, encoding: .utf8),
            exampleProgram: try String(contentsOf: program, encoding: .utf8))
    }

    enum PageError: Error {
        case missingResources
        case missingTemplate(String)
    }

    /// A whole page: `template` rendered inside the layout's header and footer partials.
    func page(
        _ template: String, _ values: [String: Any], status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]
    ) throws -> Response {
        guard let html = library.render(values, withTemplate: template) else {
            throw PageError.missingTemplate(template)
        }
        var headers = extra
        headers[.contentType] = "text/html; charset=utf-8"
        // Pages hold individual pay: never cached, never framed, no inline script needed.
        headers[.cacheControl] = "no-store"
        for (name, value) in PageRenderer.securityHeaders { headers[name] = value }
        let buffer = ByteBuffer(string: html)
        headers[.contentLength] = String(buffer.readableBytes)
        return Response(status: status, headers: headers, body: .init(byteBuffer: buffer))
    }

    /// No inline script or style, no framing, no sniffing, no referrer to other sites.
    static let securityHeaders: [(HTTPField.Name, String)] = [
        (
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'"
        ),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "same-origin"),
    ].compactMap { name, value in HTTPField.Name(name).map { ($0, value) } }

    static func redirect(_ location: String, headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.location] = location
        headers[.contentLength] = "0"
        return Response(status: .seeOther, headers: headers)
    }
}
