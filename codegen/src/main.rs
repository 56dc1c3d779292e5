//! `superoffice-codegen`: generate, check and describe the SDK generated from `docs-input/`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use superoffice_codegen::diag::Diagnostic;
use superoffice_codegen::{emit, load, lower};

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
    /// The SDK's `Cargo.toml`, whose [features] section holds the generated cargo features between
    /// marker lines (default: `Cargo.toml` two levels above `--out`).
    #[arg(long)]
    manifest: Option<PathBuf>,
    /// The method-name snapshot, every client method with its operation id (default:
    /// `METHODS.txt` beside the SDK's `Cargo.toml`).
    #[arg(long)]
    methods: Option<PathBuf>,
}

impl Paths {
    fn manifest(&self) -> PathBuf {
        self.manifest.clone().unwrap_or_else(|| {
            self.out
                .parent()
                .and_then(Path::parent)
                .map(|p| p.join("Cargo.toml"))
                .unwrap_or_else(|| "Cargo.toml".into())
        })
    }

    fn methods(&self) -> PathBuf {
        self.methods.clone().unwrap_or_else(|| self.manifest().with_file_name("METHODS.txt"))
    }
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

/// What generation produces besides the generated modules.
struct Generated {
    files: emit::Files,
    /// The SDK manifest with the generated features, and whether it changed.
    manifest: (String, bool),
    /// The method-name snapshot ([`lower::names::method_snapshot`]).
    methods: String,
}

/// Generated files, the SDK manifest with the generated features and the method-name snapshot,
/// or why not.
fn generate(p: &Paths) -> Result<Generated, String> {
    let built = superoffice_codegen::build(&p.docs).map_err(|e| format!("generation failed:\n{e}"))?;
    print_warnings(&built.warnings);
    let files = emit::render(&built.api).map_err(|e| format!("generation failed:\n{e}"))?;
    let manifest = emit::output::manifest_with_features(&p.manifest(), &built.api)?;
    Ok(Generated { files, manifest, methods: lower::names::method_snapshot(&built.api) })
}

/// The lines only in `old` (`-`) and only in `new` (`+`) of two sorted snapshots, at most `limit`.
fn snapshot_diff(old: &str, new: &str, limit: usize) -> Vec<String> {
    let old: std::collections::BTreeSet<&str> = old.lines().collect();
    let new: std::collections::BTreeSet<&str> = new.lines().collect();
    let removed = old.difference(&new).map(|l| format!("-{l}"));
    let added = new.difference(&old).map(|l| format!("+{l}"));
    removed.chain(added).take(limit).collect()
}

fn run_generate(p: &Paths) -> ExitCode {
    let Generated { files, manifest: (manifest, manifest_changed), methods } = match generate(p) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    if manifest_changed {
        let path = p.manifest();
        if let Err(e) = std::fs::write(&path, manifest) {
            eprintln!("error: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        println!("updated the cargo features in {}", path.display());
    }
    let methods_path = p.methods();
    if std::fs::read_to_string(&methods_path).ok().as_deref() != Some(methods.as_str()) {
        if let Err(e) = std::fs::write(&methods_path, &methods) {
            eprintln!("error: cannot write {}: {e}", methods_path.display());
            return ExitCode::FAILURE;
        }
        println!("updated the method names in {}", methods_path.display());
    }
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
    let Generated { files, manifest: (_, manifest_changed), methods } = match generate(p) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let d = emit::output::drift(&p.out, &files);
    let methods_path = p.methods();
    let checked_in_methods = std::fs::read_to_string(&methods_path).unwrap_or_default();
    let methods_changed = checked_in_methods != methods;
    if d.is_clean() && !manifest_changed && !methods_changed {
        println!(
            "ok: {} generated files in {}, the features in {} and the method names in {} match the docs",
            files.len(),
            p.out.display(),
            p.manifest().display(),
            methods_path.display()
        );
        return ExitCode::SUCCESS;
    }
    eprintln!("error: generated code is out of date with {}:", p.docs.display());
    for (what, list) in [("differs", &d.changed), ("missing", &d.missing), ("stale", &d.stale)] {
        for f in list {
            eprintln!("  {what}: {}", p.out.join(f).display());
        }
    }
    if manifest_changed {
        eprintln!("  differs: {} (the generated [features])", p.manifest().display());
    }
    if methods_changed {
        eprintln!("  differs: {} (the method names; - checked in, + generated):", methods_path.display());
        for line in snapshot_diff(&checked_in_methods, &methods, 40) {
            eprintln!("    {line}");
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
