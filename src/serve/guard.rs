//! What every request and response passes through: only `GET` and `HEAD`,
//! no request body, and the security headers of every answer.
//!
//! A request line is bounded before it gets here: hyper answers 414 to a
//! target over 64 KiB (the longest URI the `http` crate holds) and 431 to
//! headers over about 400 KiB. Within them, the query takes the CLI's
//! limits ([`MAX_TERMS`](crate::search::query::MAX_TERMS) words and
//! phrases, [`MAX_DEPTH`](crate::search::query::MAX_DEPTH) nested groups),
//! with the same message.
//!
//! No request reaches the file system: the pages are rendered from the
//! index, and the two assets are compiled into the binary, matched by
//! their exact path (`/static/..%2f…` is a 404 like any unknown path).

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The longest request target (path and query string) answered: the
/// longest URI the `http` crate parses (hyper answers 414 beyond it).
pub const MAX_TARGET_BYTES: usize = 65_534;

/// The page may load its own stylesheet and script and nothing else: no
/// inline script, no other origin, no frame, forms only to itself.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; \
     base-uri 'none'; frame-ancestors 'none'";

/// The headers every answer carries.
const SECURITY_HEADERS: &[(&str, &str)] = &[
    ("content-security-policy", CONTENT_SECURITY_POLICY),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "no-referrer"),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
    (
        "permissions-policy",
        "camera=(), microphone=(), geolocation=()",
    ),
];

/// Refuses what no page asks for, then adds the security headers.
pub async fn guard(request: Request, next: Next) -> Response {
    let mut response = match refusal(&request) {
        Some(refused) => refused,
        None => next.run(request).await,
    };
    let headers = response.headers_mut();
    for (name, value) in SECURITY_HEADERS {
        headers.insert(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    }
    response
}

/// The answer to a request refused before routing, if it is.
fn refusal(request: &Request) -> Option<Response> {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return Some(
            (
                StatusCode::METHOD_NOT_ALLOWED,
                [(header::ALLOW, "GET, HEAD")],
                "only GET and HEAD are answered\n",
            )
                .into_response(),
        );
    }
    let has_body = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .is_some_and(|length| length != "0");
    if has_body {
        return Some(
            Response::builder()
                .status(StatusCode::PAYLOAD_TOO_LARGE)
                .body(Body::from("requests have no body\n"))
                .unwrap_or_default(),
        );
    }
    None
}
