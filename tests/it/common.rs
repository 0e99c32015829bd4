//! Helpers shared by the integration tests: run the real binary, compare with expected files,
//! and talk HTTP to the preview server and to WebDriver.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Run `syllabus` with `args` from the repository root.
pub fn syllabus(args: &[&str]) -> Output {
    syllabus_in(&root(), args)
}

pub fn syllabus_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_syllabus"))
        .args(args)
        .current_dir(dir)
        .env_remove("CLICOLOR_FORCE")
        .output()
        .expect("the syllabus binary runs")
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8")
}

/// Diagnostics without their source snippets, in the one-line form: the `file:line:col:`
/// header lines and `  help: ...` lines only. For tests about the words of a message.
pub fn without_snippets(text: &str) -> String {
    let mut out = String::new();
    let mut in_help = false;
    for line in text.lines() {
        let t = line.trim_start();
        let gutter = t
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .trim_start()
            .starts_with('|');
        if let Some(help) = t.strip_prefix("= help: ") {
            out.push_str(&format!("  help: {help}\n"));
            in_help = true;
        } else if gutter && !in_help {
            continue;
        } else if in_help && line.starts_with("          ") {
            // A help's continuation lines are indented under its text.
            out.push_str(&format!("{}\n", &line[8..]));
        } else {
            in_help = false;
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Compare `actual` with the file at `path`; with `UPDATE_EXPECT=1`, rewrite the file instead.
pub fn assert_expected(path: &Path, actual: &str) {
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!(
            "cannot read {} ({e}); run with UPDATE_EXPECT=1 to create it",
            path.display()
        )
    });
    if expected != actual {
        panic!(
            "output differs from {}\n--- expected\n{expected}\n--- actual\n{actual}\n(run with UPDATE_EXPECT=1 to accept)",
            path.display()
        );
    }
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A port nobody listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// One HTTP/1.1 request with `Connection: close`; returns the status and the body.
///
/// Hand-rolled because the tests only need JSON over a local socket, and an HTTP client crate
/// would be the largest dependency of the test suite.
pub fn http(
    method: &str,
    port: u16,
    path: &str,
    body: Option<&str>,
) -> std::io::Result<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(120)))?;
    let body = body.unwrap_or("");
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )?;
    // Some servers keep the connection open despite `Connection: close`, so read by the
    // response's own framing rather than to end of stream.
    let mut reader = BufReader::new(stream);
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" {
            break;
        }
        head.push_str(&line);
    }
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let header = |name: &str| {
        head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_ascii_lowercase())
        })
    };
    let mut body = Vec::new();
    if let Some(length) = header("content-length").and_then(|v| v.parse::<usize>().ok()) {
        body.resize(length, 0);
        reader.read_exact(&mut body)?;
    } else if header("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
        loop {
            let mut size = String::new();
            reader.read_line(&mut size)?;
            let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
            if n == 0 {
                break;
            }
            let mut chunk = vec![0; n + 2];
            reader.read_exact(&mut chunk)?;
            body.extend_from_slice(&chunk[..n]);
        }
    } else {
        reader.read_to_end(&mut body)?;
    }
    Ok((status, String::from_utf8_lossy(&body).to_string()))
}

/// A child process killed when the test ends, pass or fail.
pub struct Guard(pub Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `syllabus serve` on a free port; returns the process and the port it announced.
pub fn serve(topics: &Path, out: &Path, extra: &[&str]) -> (Guard, u16) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_syllabus"))
        .arg("serve")
        .arg("--topics")
        .arg(topics)
        .arg("--out")
        .arg(out)
        .args(["--port", "0"])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("syllabus serve starts");
    let stdout = child.stdout.take().unwrap();
    let stderr = child.stderr.take().unwrap();
    // Through the test's own output, which the harness shows only when the test fails: a
    // rebuild error the test provokes on purpose is not news on a passing run.
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            println!("serve (stderr): {line}");
        }
    });
    let guard = Guard(child);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            println!("serve: {line}");
            if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                let port: String = rest.chars().take_while(char::is_ascii_digit).collect();
                let _ = tx.send(port.parse::<u16>().unwrap());
            }
        }
    });
    let port = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("serve announces its address");
    (guard, port)
}

/// Poll `check` until it returns true or `timeout` passes.
pub fn eventually(timeout: Duration, mut check: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < timeout {
        if check() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(150));
    }
    false
}

/// Every link of a plan printed with `--format json`, in plan order.
pub fn links(plan: &serde_json::Value) -> Vec<&serde_json::Value> {
    plan["stages"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["topics"].as_array().unwrap())
        .flat_map(|t| t["links"].as_array().unwrap())
        .collect()
}

/// `n` as prose writes a count: a numeral, or a word up to ninety-nine.
pub fn number(word: &str) -> Option<usize> {
    const UNITS: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    let word = word.to_lowercase();
    if let Ok(n) = word.replace(',', "").parse() {
        return Some(n);
    }
    if let Some(n) = UNITS.iter().position(|u| *u == word) {
        return Some(n);
    }
    let (tens, unit) = word.split_once('-').unwrap_or((&word, ""));
    let t = TENS.iter().position(|t| *t == tens)?;
    let u = match unit {
        "" => 0,
        u => UNITS[1..10].iter().position(|x| *x == u)? + 1,
    };
    Some(20 + 10 * t + u)
}

/// The PID of a process that has ended: what a killed writer's leftovers are named by, for
/// tests that plant them.
pub fn dead_pid() -> u32 {
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}
