//! The OpenAPI document matches the routes, and docs/openapi.json is current.

mod common;

use common::TestServer;
use serde_json::Value;

fn committed_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/openapi.json")
}

fn pretty(doc: &Value) -> String {
    serde_json::to_string_pretty(doc).unwrap() + "\n"
}

#[tokio::test]
async fn every_documented_route_exists_and_requires_what_it_says() {
    let t = TestServer::start().await;
    let anon = t.anon();
    let (status, doc) = anon.get("/v1/openapi.json").await;
    assert_eq!(status, reqwest::StatusCode::OK);
    assert_eq!(
        doc["openapi"].as_str().map(|v| v.starts_with("3.")),
        Some(true)
    );
    let paths = doc["paths"].as_object().unwrap();
    let mut count = 0;
    for (path, item) in paths {
        for (method, op) in item.as_object().unwrap() {
            let concrete = path.replace("{id}", "1").replace("{kind}", "like");
            let m = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let (status, body) = anon.call(m.clone(), &concrete, None).await;
            let secured = op.get("security").is_some();
            if secured {
                assert_eq!(
                    status,
                    reqwest::StatusCode::UNAUTHORIZED,
                    "{method} {path} should require a token: {body}"
                );
            } else {
                assert_ne!(
                    status.as_u16(),
                    404,
                    "{method} {path} is documented but not routed"
                );
                assert_ne!(
                    status.as_u16(),
                    405,
                    "{method} {path} is documented but not routed"
                );
            }
            count += 1;
        }
    }
    assert!(count >= 30, "only {count} operations documented");
    // Query parameters are documented as query parameters, with the API's limits.
    let sync_params = doc["paths"]["/v1/sync"]["get"]["parameters"]
        .as_array()
        .unwrap();
    for p in sync_params {
        assert_eq!(p["in"], "query", "{p}");
        assert!(!p["required"].as_bool().unwrap_or(false), "{p}");
    }
    let limit = sync_params.iter().find(|p| p["name"] == "limit").unwrap();
    assert_eq!(
        limit["schema"]["maximum"].as_u64(),
        Some(hublot_api::limits::MAX_SYNC_LIMIT as u64)
    );
    let page_limit = doc["paths"]["/v1/users"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "limit")
        .unwrap()
        .clone();
    assert_eq!(
        page_limit["schema"]["maximum"].as_u64(),
        Some(hublot_api::limits::MAX_PAGE_LIMIT as u64)
    );
    // Every schema reference resolves.
    let text = doc.to_string();
    for part in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
        let name = &part[..part.find('"').unwrap()];
        assert!(
            doc["components"]["schemas"][name].is_object(),
            "dangling $ref to {name}"
        );
    }
    t.stop().await;
}

#[test]
fn committed_document_is_current() {
    let doc = serde_json::to_value(hublot_server::http::openapi()).unwrap();
    let fresh = pretty(&doc);
    let path = committed_path();
    if std::env::var_os("HUBLOT_UPDATE_OPENAPI").is_some() {
        std::fs::write(&path, &fresh).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "docs/openapi.json is stale: run `HUBLOT_UPDATE_OPENAPI=1 cargo test -p hublot-server --test openapi` and commit it"
    );
}
