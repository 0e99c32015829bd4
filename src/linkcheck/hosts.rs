//! Politeness and name lookups per host: at most `per_host` requests in flight to one host, a
//! pause between the starts of two requests to it, and each name looked up once, with a timeout.

use std::collections::HashMap;
use std::net::ToSocketAddrs;
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

#[derive(Default)]
struct HostState {
    in_flight: usize,
    /// The earliest start of the next request: the pause, or a server's `Retry-After`.
    next_start: Option<Instant>,
}

/// Why a host name gave no address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LookupError {
    NotFound,
    TimedOut,
}

pub struct Hosts {
    per_host: usize,
    pause: Duration,
    lookup_timeout: Duration,
    state: Mutex<HashMap<String, HostState>>,
    changed: Condvar,
    /// Each name looked up, with its addresses.
    names: Mutex<HashMap<String, Result<Vec<std::net::IpAddr>, LookupError>>>,
}

/// A slot for one request to a host; the slot is given back when this is dropped.
pub struct Permit<'a> {
    hosts: &'a Hosts,
    host: String,
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        let mut state = self.hosts.state.lock().expect("host state lock");
        if let Some(s) = state.get_mut(&self.host) {
            s.in_flight -= 1;
        }
        self.hosts.changed.notify_all();
    }
}

impl Hosts {
    pub fn new(per_host: usize, pause: Duration, lookup_timeout: Duration) -> Self {
        Hosts {
            per_host: per_host.max(1),
            pause,
            lookup_timeout,
            state: Mutex::new(HashMap::new()),
            changed: Condvar::new(),
            names: Mutex::new(HashMap::new()),
        }
    }

    /// Whether a request to `host` could start now; workers prefer jobs for such hosts.
    pub fn is_free(&self, host: &str) -> bool {
        let state = self.state.lock().expect("host state lock");
        state.get(host).is_none_or(|s| {
            s.in_flight < self.per_host && s.next_start.is_none_or(|t| t <= Instant::now())
        })
    }

    /// Wait for a slot to `host`, then take it.
    pub fn acquire(&self, host: &str) -> Permit<'_> {
        let mut state = self.state.lock().expect("host state lock");
        loop {
            let now = Instant::now();
            let s = state.entry(host.to_string()).or_default();
            let wait = s.next_start.filter(|t| *t > now).map(|t| t - now);
            if s.in_flight < self.per_host && wait.is_none() {
                s.in_flight += 1;
                s.next_start = Some(now + self.pause);
                return Permit {
                    hosts: self,
                    host: host.to_string(),
                };
            }
            // A slot given back wakes us; a pause ending does not, so wake for that too.
            let timeout = wait.unwrap_or(Duration::from_millis(50));
            state = self
                .changed
                .wait_timeout(state, timeout)
                .expect("host state lock")
                .0;
        }
    }

    /// No request to `host` starts before `until` (a server asked us to wait).
    pub fn defer(&self, host: &str, until: Instant) {
        let mut state = self.state.lock().expect("host state lock");
        let s = state.entry(host.to_string()).or_default();
        s.next_start = Some(s.next_start.map_or(until, |t| t.max(until)));
    }

    /// Look `host` up once; later calls answer from memory. IP addresses need no lookup.
    pub fn lookup(&self, host: &str, port: u16) -> Result<(), LookupError> {
        let bare = host.trim_start_matches('[').trim_end_matches(']');
        if bare.parse::<std::net::IpAddr>().is_ok() {
            return Ok(());
        }
        self.resolve(host, port).map(|_| ())
    }

    /// The system resolver's answer for `host`, within the lookup timeout.
    fn ask_resolver(&self, host: &str, port: u16) -> Result<Vec<std::net::IpAddr>, LookupError> {
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        let name = format!("{host}:{port}");
        // getaddrinfo cannot be interrupted: a thread lets a hung resolver time out.
        std::thread::spawn(move || {
            let found = name
                .to_socket_addrs()
                .map(|a| a.map(|a| a.ip()).collect::<Vec<_>>());
            let _ = tx.send(found);
        });
        match rx.recv_timeout(self.lookup_timeout) {
            Ok(Ok(addresses)) if !addresses.is_empty() => Ok(addresses),
            Ok(_) => Err(LookupError::NotFound),
            Err(_) => Err(LookupError::TimedOut),
        }
    }

    /// The addresses `host` resolves to (none when it does not), looked up once.
    pub fn addresses(&self, host: &str, port: u16) -> Vec<std::net::IpAddr> {
        self.resolve(host, port).unwrap_or_default()
    }

    fn resolve(&self, host: &str, port: u16) -> Result<Vec<std::net::IpAddr>, LookupError> {
        if let Some(known) = self.names.lock().expect("names lock").get(host) {
            return known.clone();
        }
        // RFC 6761 (6.4): a name under `.invalid` never resolves, and resolvers should not be
        // asked; without a network the system's resolver can take seconds to say so.
        let lower = host.trim_end_matches('.').to_ascii_lowercase();
        let result = if lower == "invalid" || lower.ends_with(".invalid") {
            Err(LookupError::NotFound)
        } else {
            self.ask_resolver(host, port)
        };
        self.names
            .lock()
            .expect("names lock")
            .insert(host.to_string(), result.clone());
        result
    }

    /// Tests: `host` resolves to `addresses`, without asking the system.
    #[cfg(test)]
    pub(crate) fn pretend(&self, host: &str, addresses: Vec<std::net::IpAddr>) {
        self.names
            .lock()
            .expect("names lock")
            .insert(host.to_string(), Ok(addresses));
    }

    /// The names that did not resolve (sorted), and how many did.
    pub fn lookups(&self) -> (Vec<String>, usize) {
        let names = self.names.lock().expect("names lock");
        let mut failed: Vec<String> = names
            .iter()
            .filter(|(_, r)| r.is_err())
            .map(|(n, _)| n.clone())
            .collect();
        failed.sort();
        (failed, names.values().filter(|r| r.is_ok()).count())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn an_invalid_name_does_not_resolve_without_asking_the_resolver() {
        // A zero timeout: any real lookup would time out, so NotFound can only come from the
        // rule for `.invalid`.
        let hosts = Hosts::new(1, Duration::ZERO, Duration::ZERO);
        assert_eq!(
            hosts.lookup("nxdomain.invalid", 80),
            Err(LookupError::NotFound)
        );
        assert_eq!(hosts.lookup("x.INVALID.", 80), Err(LookupError::NotFound));
        assert_eq!(hosts.lookups().0, ["nxdomain.invalid", "x.INVALID."]);
    }

    #[test]
    fn never_more_than_the_limit_in_flight_to_one_host() {
        let hosts = Hosts::new(2, Duration::ZERO, Duration::from_secs(1));
        let now = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        std::thread::scope(|s| {
            for _ in 0..6 {
                s.spawn(|| {
                    let _permit = hosts.acquire("example.com");
                    let n = now.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(n, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(20));
                    now.fetch_sub(1, Ordering::SeqCst);
                });
            }
        });
        assert_eq!(most.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn requests_to_one_host_start_a_pause_apart() {
        let hosts = Hosts::new(2, Duration::from_millis(40), Duration::from_secs(1));
        let start = Instant::now();
        for _ in 0..3 {
            drop(hosts.acquire("example.com"));
        }
        assert!(start.elapsed() >= Duration::from_millis(80));
        // Another host is not held up by the first one's pause.
        let other = Instant::now();
        drop(hosts.acquire("example.org"));
        assert!(other.elapsed() < Duration::from_millis(40));
    }

    #[test]
    fn ip_addresses_need_no_lookup() {
        let hosts = Hosts::new(2, Duration::ZERO, Duration::from_secs(1));
        assert_eq!(hosts.lookup("127.0.0.1", 80), Ok(()));
        assert_eq!(hosts.lookup("[::1]", 80), Ok(()));
        assert_eq!(hosts.lookups(), (vec![], 0));
    }
}
