//! Code generator throughput: pages per second from the docs directory to rendered sources.
//!
//! Each iteration runs what `generate` runs before rustfmt: `build_api` (read and parse every page
//! and OpenAPI file, lower them) and `emit::render` (build every file's tokens and print them with
//! prettyplease), all in memory. rustfmt (a separate process) is left out.
//!
//! - `codegen/docs_input`: the checked-in `docs-input/`;
//! - `codegen/synthetic_3000`: a corpus of at least 3,000 pages, `docs-input/` replicated as many
//!   times as needed (72 times for its 42 pages: 3,024 pages) into a temporary directory, with every `ChatSession`/`ChatTopic` renamed per copy (`AbChatSession`,
//!   `AbChatTopic`, ...): resources, paths, operation ids, type names, the OpenAPI definitions and
//!   the overrides' method names, so each copy stays consistent and lowers to its own resources,
//!   endpoints and models. Shared carriers (`Person`, `Contact`, `ChatMessage`...) keep their names,
//!   as they do across the vendor's real resources.
//! - `codegen/phases_3000`: the same corpus split into load (read + parse), lower and render, to
//!   show where the time goes.
//!
//! Run with `cargo bench -p superoffice-codegen --bench codegen -- --warm-up-time 1
//! --measurement-time 3`; see BENCHMARKS.md.

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{black_box, criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use superoffice_codegen::{build_api, emit, load, lower};

/// Pages wanted in the synthetic corpus (rounded up to whole copies of `docs-input/`).
const SYNTHETIC_PAGES: usize = 3000;

fn docs_input() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input")
}

/// A per-copy prefix of two letters: `Aa`, `Ab`, ... (copy 0 keeps the original names).
fn tag(copy: usize) -> String {
    if copy == 0 {
        return String::new();
    }
    let first = char::from(b'A' + (copy / 26) as u8);
    let second = char::from(b'a' + (copy % 26) as u8);
    format!("{first}{second}")
}

fn rename(text: &str, tag: &str) -> String {
    if tag.is_empty() {
        return text.to_string();
    }
    text.replace("ChatSession", &format!("{tag}ChatSession")).replace("ChatTopic", &format!("{tag}ChatTopic"))
}

/// Writes `copies` renamed copies of `src` under `dst` (`dst/copyN/...`) and one merged
/// `dst/overrides.json`. Returns the number of markdown pages written.
fn write_corpus(src: &Path, dst: &Path, copies: usize) -> usize {
    let _ = std::fs::remove_dir_all(dst);
    let overrides_path = src.join("overrides.json");
    let overrides_text = std::fs::read_to_string(&overrides_path).expect("docs-input/overrides.json");
    let mut overrides: serde_json::Value = serde_json::from_str(&overrides_text).expect("overrides are JSON");
    let original_names = overrides["method_names"].as_object().cloned().unwrap_or_default();
    let mut method_names = serde_json::Map::new();
    let mut pages = 0;
    for copy in 0..copies {
        let tag = tag(copy);
        for file in load::files_under(src) {
            if file == overrides_path {
                continue;
            }
            let rel = file.strip_prefix(src).expect("file under src");
            let target = dst.join(format!("copy{copy}")).join(rename(&rel.to_string_lossy(), &tag));
            std::fs::create_dir_all(target.parent().expect("parent")).expect("create corpus directory");
            let text = std::fs::read_to_string(&file).expect("read docs file");
            std::fs::write(&target, rename(&text, &tag)).expect("write corpus file");
            if target.extension().is_some_and(|e| e == "md") {
                pages += 1;
            }
        }
        for (op, name) in &original_names {
            method_names.insert(rename(op, &tag), name.clone());
        }
    }
    overrides["method_names"] = serde_json::Value::Object(method_names);
    std::fs::write(dst.join("overrides.json"), serde_json::to_string_pretty(&overrides).expect("JSON"))
        .expect("write overrides");
    pages
}

fn count_pages(dir: &Path) -> usize {
    load::files_under(dir).iter().filter(|p| p.extension().is_some_and(|e| e == "md")).count()
}

/// What one iteration does: everything `generate` does except rustfmt.
fn build_and_render(dir: &Path) -> emit::Files {
    let api = build_api(dir).unwrap_or_else(|e| panic!("{} does not generate:\n{e}", dir.display()));
    emit::render(&api)
}

fn codegen(c: &mut Criterion) {
    let docs = docs_input();
    let pages = count_pages(&docs);
    let files = build_and_render(&docs).len();
    println!("codegen/docs_input: {pages} pages -> {files} files");
    let mut group = c.benchmark_group("codegen");
    group.throughput(Throughput::Elements(pages as u64));
    group.bench_function("docs_input", |b| b.iter(|| build_and_render(black_box(&docs))));
    group.finish();

    let corpus = std::env::temp_dir().join(format!("superoffice-codegen-bench-{}", std::process::id()));
    // `cargo bench` passes `--bench`; `cargo test --benches` runs each bench once, in a debug
    // build: a tenth of the corpus is enough there.
    let wanted = if std::env::args().any(|a| a == "--bench") { SYNTHETIC_PAGES } else { SYNTHETIC_PAGES / 10 };
    let copies = wanted.div_ceil(pages);
    let pages = write_corpus(&docs, &corpus, copies);
    let api = build_api(&corpus).unwrap_or_else(|e| panic!("the synthetic corpus does not generate:\n{e}"));
    let endpoints: usize = api.resources.values().map(|r| r.endpoints.len()).sum();
    let files = emit::render(&api).len();
    println!(
        "codegen/synthetic_3000: {copies} copies, {pages} pages, {} resources, {endpoints} endpoints, {} models, {} enums -> {files} files",
        api.resources.len(),
        api.models.len(),
        api.enums.len()
    );
    assert_eq!(api.resources.len() % copies, 0, "every copy lowers to its own resources");

    let mut group = c.benchmark_group("codegen");
    group.throughput(Throughput::Elements(pages as u64));
    group.sample_size(10).sampling_mode(SamplingMode::Flat);
    group.bench_function("synthetic_3000", |b| b.iter(|| build_and_render(black_box(&corpus))));
    group.finish();

    let inputs = load::load(&corpus).expect("corpus loads");
    let lowered = lower::lower(&inputs.pages, &inputs.openapi, &inputs.overrides);
    let mut group = c.benchmark_group("codegen/phases_3000");
    group.throughput(Throughput::Elements(pages as u64));
    group.sample_size(10).sampling_mode(SamplingMode::Flat);
    group.bench_function("load", |b| b.iter(|| load::load(black_box(&corpus)).expect("corpus loads")));
    group.bench_function("lower", |b| {
        b.iter(|| lower::lower(black_box(&inputs.pages), &inputs.openapi, &inputs.overrides))
    });
    group.bench_function("render", |b| b.iter(|| emit::render(black_box(&lowered.api))));
    group.finish();

    let _ = std::fs::remove_dir_all(&corpus);
}

fn config() -> Criterion {
    Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3)).sample_size(20)
}

criterion_group! {
    name = benches;
    config = config();
    targets = codegen
}
criterion_main!(benches);
