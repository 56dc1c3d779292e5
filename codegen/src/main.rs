//! `superoffice-codegen`: generate, check and describe the SDK generated from `docs-input/`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use superoffice_codegen::diag::Diagnostic;
use superoffice_codegen::{emit, generate_with_warnings, load, lower};

/// Generates the SuperOffice WebAPI SDK from the vendor's markdown documentation.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Regenerate `sdk/src/generated/` from the docs.
    Generate(Paths),
    /// Fail (exit 1) if the checked-in generated code differs from a fresh generation.
    Check(Paths),
    /// Print what the docs contain: pages, endpoints, models, enums, hooks, and unusable pages.
    Stats {
        /// The docs directory.
        #[arg(long, default_value_os_t = default_docs())]
        docs: PathBuf,
    },
}

#[derive(Debug, clap::Args)]
struct Paths {
    /// The docs directory.
    #[arg(long, default_value_os_t = default_docs())]
    docs: PathBuf,
    /// The directory the generated modules live in.
    #[arg(long, default_value_os_t = default_out())]
    out: PathBuf,
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

fn default_docs() -> PathBuf {
    workspace_root().join("docs-input")
}

fn default_out() -> PathBuf {
    workspace_root().join("sdk/src/generated")
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Generate(p) => run_generate(&p),
        Command::Check(p) => run_check(&p),
        Command::Stats { docs } => run_stats(&docs),
    }
}

/// Prints what generation left out (it still succeeds).
fn print_warnings(warnings: &[Diagnostic]) {
    for w in warnings {
        eprintln!("warning: {w}");
    }
}

fn run_generate(p: &Paths) -> ExitCode {
    let files = match generate_with_warnings(&p.docs, &p.out) {
        Ok((f, warnings)) => {
            print_warnings(&warnings);
            f
        }
        Err(e) => {
            eprintln!("error: generation failed:\n{e}");
            return ExitCode::FAILURE;
        }
    };
    match emit::output::write(&p.out, &files) {
        Ok(d) => {
            println!(
                "generated {} files in {} ({} changed, {} new, {} removed)",
                files.len(),
                p.out.display(),
                d.changed.len(),
                d.missing.len(),
                d.stale.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run_check(p: &Paths) -> ExitCode {
    let files = match generate_with_warnings(&p.docs, &p.out) {
        Ok((f, warnings)) => {
            print_warnings(&warnings);
            f
        }
        Err(e) => {
            eprintln!("error: generation failed:\n{e}");
            return ExitCode::FAILURE;
        }
    };
    let d = emit::output::drift(&p.out, &files);
    if d.is_clean() {
        println!("ok: {} generated files in {} match the docs", files.len(), p.out.display());
        return ExitCode::SUCCESS;
    }
    eprintln!("error: generated code in {} is out of date with {}:", p.out.display(), p.docs.display());
    for (what, list) in [("differs", &d.changed), ("missing", &d.missing), ("stale", &d.stale)] {
        for f in list {
            eprintln!("  {what}: {}", p.out.join(f).display());
        }
    }
    eprintln!("run `cargo run -p superoffice-codegen -- generate` and commit the result");
    ExitCode::FAILURE
}

fn run_stats(docs: &Path) -> ExitCode {
    let inputs = match load::load(docs) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let lowered = lower::lower(&inputs.doc, &inputs.overrides);
    let api = &lowered.api;
    let c = inputs.counts;
    let endpoints: usize = api.resources.values().map(|r| r.endpoints.len()).sum();
    let agents = api.resources.values().filter(|r| r.kind == superoffice_codegen::ir::ResourceKind::Agent).count();
    let binary = api
        .resources
        .values()
        .flat_map(|r| &r.endpoints)
        .filter(|e| {
            e.response == superoffice_codegen::ir::ResponseKind::Binary
                || e.request_body.as_ref().is_some_and(|b| b.kind == superoffice_codegen::ir::RequestBodyKind::Binary)
        })
        .count();
    println!(
        "pages:      {} ({} REST, {} scripting)",
        c.rest_pages + c.scripting_pages,
        c.rest_pages,
        c.scripting_pages
    );
    println!("openapi:    {} files, {} operations", c.openapi_files, inputs.doc.operations.len() - c.rest_pages);
    println!("resources:  {} ({} REST, {agents} agent services)", api.resources.len(), api.resources.len() - agents);
    println!("endpoints:  {endpoints} ({binary} with file content)");
    println!("models:     {}", api.models.len());
    println!("enums:      {}", api.enums.len());
    println!("hooks:      {}", api.hooks.len());
    for h in api.hooks.values() {
        println!("  {} <- {}.{} ({})", h.operation_id, h.agent, h.service_method, h.source);
    }
    println!("warnings:   {}", lowered.warnings.len());
    for w in &lowered.warnings {
        println!("  {w}");
    }
    let problems: Vec<_> = inputs.problems.iter().chain(&lowered.problems).collect();
    println!("unusable:   {}", problems.len());
    for p in &problems {
        println!("  {p}");
    }
    // A report: unusable pages are listed above; `generate` and `check` are what fail on them.
    ExitCode::SUCCESS
}
