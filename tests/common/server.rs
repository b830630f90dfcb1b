//! A `negotext serve` process for the tests: started on a free loopback
//! port, its address read from its first line, killed when dropped.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// How long a server may take to index the corpus and start.
const START_LIMIT: Duration = Duration::from_secs(120);

pub struct Served {
    child: Child,
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub base: String,
    agent: ureq::Agent,
}

/// What a request got back.
pub struct Got {
    pub status: u16,
    pub content_type: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Got {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl Served {
    /// `negotext serve --addr 127.0.0.1:0 --corpus CORPUS --index INDEX`.
    pub fn start(corpus: &Path, index: &Path) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_negotext"))
            .args(["serve", "--addr", "127.0.0.1:0", "--corpus"])
            .arg(corpus)
            .arg("--index")
            .arg(index)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("negotext serve starts");
        let stdout = child.stdout.take().expect("its stdout");
        let (sender, received) = mpsc::channel();
        std::thread::spawn(move || {
            let mut first = String::new();
            let mut reader = BufReader::new(stdout);
            let _ = reader.read_line(&mut first);
            let _ = sender.send(first);
            // Keep reading, so the server never blocks on a full pipe.
            let _ = std::io::copy(&mut reader, &mut std::io::sink());
        });
        let first = received
            .recv_timeout(START_LIMIT)
            .expect("negotext serve prints its address");
        let base = first
            .split_whitespace()
            .find(|word| word.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in {first:?}"))
            .trim_end_matches('/')
            .to_string();
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        Served { child, base, agent }
    }

    /// `GET base + path_and_query`.
    pub fn get(&self, path_and_query: &str) -> Got {
        let url = format!("{}{path_and_query}", self.base);
        let mut response =
            self.agent.get(&url).call().unwrap_or_else(|e| {
                panic!("GET {}: {e}", url.chars().take(200).collect::<String>())
            });
        let status = response.status().as_u16();
        let headers: Vec<(String, String)> = response
            .headers()
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_string()))
            .collect();
        let mut body = String::new();
        response
            .body_mut()
            .as_reader()
            .read_to_string(&mut body)
            .expect("a UTF-8 body");
        let content_type = headers
            .iter()
            .find(|(k, _)| k == "content-type")
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
        Got {
            status,
            content_type,
            headers,
            body,
        }
    }

    /// The request `line` sent as is on a fresh connection: the status
    /// code answered, or `None` when the server closed the connection.
    pub fn raw(&self, request: &[u8]) -> Option<u16> {
        use std::io::Write;
        let addr = self.base.trim_start_matches("http://");
        let mut stream = std::net::TcpStream::connect(addr).expect("connects");
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .expect("a timeout");
        // The server may answer (and close) before reading it all.
        let _ = stream.write_all(request);
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        answer
            .strip_prefix("HTTP/1.1 ")
            .and_then(|rest| rest.get(..3))
            .and_then(|code| code.parse().ok())
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `text` percent-encoded for a query string.
pub fn encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}
