//! Code generator throughput on the whole WebAPI: `docs-input/` (every REST page, every scripting
//! page and the vendor's 111 OpenAPI files: 3,349 endpoints) to rendered sources.
//!
//! - `codegen/docs_input`: what `generate` does, in memory: `build_api` (read and parse every page
//!   and OpenAPI file, lower them) and `emit::render` (build every file's tokens and print them with
//!   prettyplease);
//! - `codegen/phases`: the same split into load (read + parse), lower and render, to show where the
//!   time goes.
//!
//! Run with `cargo bench -p superoffice-codegen --bench codegen -- --warm-up-time 1
//! --measurement-time 3`; see BENCHMARKS.md. `scripts/codegen-time.sh` times the whole
//! `generate` command, writing files included.

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{black_box, criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use superoffice_codegen::{build_api, emit, load, lower};

fn docs_input() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input")
}

/// What one iteration does: everything `generate` does but writing the files.
fn build_and_render(dir: &Path) -> emit::Files {
    let api = build_api(dir).unwrap_or_else(|e| panic!("{} does not generate:\n{e}", dir.display()));
    emit::render(&api).unwrap_or_else(|e| panic!("{e}"))
}

fn codegen(c: &mut Criterion) {
    let docs = docs_input();
    let inputs = load::load(&docs).expect("docs-input loads");
    let lowered = lower::lower(&inputs.doc, &inputs.overrides);
    let endpoints: usize = lowered.api.resources.values().map(|r| r.endpoints.len()).sum();
    let files = emit::render(&lowered.api).map(|f| f.len()).unwrap_or_else(|e| panic!("{e}"));
    println!("codegen/docs_input: {endpoints} endpoints -> {files} files");

    let mut group = c.benchmark_group("codegen");
    group.throughput(Throughput::Elements(endpoints as u64));
    group.sample_size(10).sampling_mode(SamplingMode::Flat);
    group.bench_function("docs_input", |b| b.iter(|| build_and_render(black_box(&docs))));
    group.finish();

    let mut group = c.benchmark_group("codegen/phases");
    group.throughput(Throughput::Elements(endpoints as u64));
    group.sample_size(10).sampling_mode(SamplingMode::Flat);
    group.bench_function("load", |b| b.iter(|| load::load(black_box(&docs)).expect("docs-input loads")));
    group.bench_function("lower", |b| b.iter(|| lower::lower(black_box(&inputs.doc), &inputs.overrides)));
    group.bench_function("render", |b| b.iter(|| emit::render(black_box(&lowered.api))));
    group.finish();
}

fn config() -> Criterion {
    Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3)).sample_size(10)
}

criterion_group! {
    name = benches;
    config = config();
    targets = codegen
}
criterion_main!(benches);
