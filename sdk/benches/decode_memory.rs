//! Peak heap while decoding `Vec<ChatSessionEntity>`, measured with a counting global allocator.
//!
//! Not a criterion bench (it measures bytes, not time). `cargo bench -p superoffice-webapi --bench
//! decode_memory` prints, for 1, 100 and 10,000 sessions and each decoder of the `decode` bench,
//! the input size, the peak heap above what was allocated before the decode started, and what the
//! decoded value keeps. Under `cargo test` it checks 100 sessions only.
//!
//! It then prints the bytes on the wire for the same payloads: identity, gzip, deflate (zlib)
//! and brotli at the levels servers typically use for dynamic responses.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use superoffice_webapi::models::ChatSessionEntity;
use superoffice_webapi::operation::decode_json;

mod support;

use support::baseline;

/// Counts live heap bytes and their high-water mark.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(bytes: usize) {
    let now = LIVE.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

// SAFETY: every call is forwarded unchanged to the system allocator; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            grew(new_size);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `decode` and returns (peak heap above the start, heap kept by the result).
fn measure<T>(decode: impl FnOnce() -> T) -> (usize, usize) {
    let start = LIVE.load(Ordering::Relaxed);
    PEAK.store(start, Ordering::Relaxed);
    let value = decode();
    let kept = LIVE.load(Ordering::Relaxed) - start;
    let peak = PEAK.load(Ordering::Relaxed) - start;
    drop(value);
    (peak, kept)
}

fn mib(bytes: usize) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

/// (gzip level 6, zlib level 6, brotli quality 5) sizes of `body`.
fn compressed_sizes(body: &[u8]) -> [usize; 3] {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
    gz.write_all(body).expect("gzip");
    let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(6));
    zlib.write_all(body).expect("zlib");
    let mut br = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut br, 64 * 1024, 5, 22);
        w.write_all(body).expect("brotli");
    }
    [gz.finish().expect("gzip").len(), zlib.finish().expect("zlib").len(), br.len()]
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` does not: keep that run quick.
    let full = std::env::args().any(|a| a == "--bench");
    let sizes: &[usize] = if full { &[1, 100, 10_000] } else { &[100] };
    println!("| sessions | decoder | input | peak heap during decode | kept by the result | peak / input |");
    println!("|---:|---|---:|---:|---:|---:|");
    for &n in sizes {
        let body = support::sessions_json(n);
        let rows = [
            (
                "handwritten",
                measure(|| serde_json::from_slice::<Vec<baseline::keeping::ChatSession>>(&body).expect("decodes")),
            ),
            (
                "handwritten_lossy",
                measure(|| serde_json::from_slice::<Vec<baseline::lossy::ChatSession>>(&body).expect("decodes")),
            ),
            (
                "generated_from_slice",
                measure(|| serde_json::from_slice::<Vec<ChatSessionEntity>>(&body).expect("decodes")),
            ),
            (
                "generated_decode_json",
                measure(|| decode_json::<Vec<ChatSessionEntity>>("bench", &body).expect("decodes")),
            ),
            ("value", measure(|| serde_json::from_slice::<serde_json::Value>(&body).expect("decodes"))),
        ];
        for (name, (peak, kept)) in rows {
            println!(
                "| {n} | {name} | {} ({} B) | {} ({} B) | {} ({} B) | {:.2} |",
                mib(body.len()),
                body.len(),
                mib(peak),
                peak,
                mib(kept),
                kept,
                peak as f64 / body.len() as f64
            );
        }
    }
    println!();
    println!("| sessions | identity | gzip (6) | deflate (6) | br (5) |");
    println!("|---:|---:|---:|---:|---:|");
    for &n in sizes {
        let body = support::sessions_json(n);
        let [gz, zlib, br] = compressed_sizes(&body);
        let cell = |b: usize| format!("{} B ({:.1}x smaller)", b, body.len() as f64 / b as f64);
        println!("| {n} | {} B | {} | {} | {} |", body.len(), cell(gz), cell(zlib), cell(br));
    }
}
