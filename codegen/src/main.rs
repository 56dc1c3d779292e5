//! `superoffice-codegen`: generate, check and describe the SDK generated from `docs-input/`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use superoffice_codegen::diag::Diagnostic;
use superoffice_codegen::diff::{self, DocsSource, Version};
use superoffice_codegen::{emit, lower};

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
    /// Print what the docs contain: pages, endpoints, models, enums, hooks, and unusable pages
    /// (exit 1 when there are any: `generate` and `check` would fail on the same docs).
    Stats {
        /// The docs directory.
        #[arg(long, default_value_os_t = default_docs())]
        docs: PathBuf,
    },
    /// Report what two doc sets change in the generated API: each change breaking or compatible,
    /// the semver class and the next version of the SDK.
    Diff {
        /// The old docs: a directory, or a git revision of the repository holding `--to` (the
        /// docs directory as it was then).
        #[arg(long, default_value = "HEAD")]
        from: String,
        /// The new docs directory.
        #[arg(long, default_value_os_t = default_docs())]
        to: PathBuf,
        /// `markdown` (for a changelog or a pull request) or `json`.
        #[arg(long, value_enum, default_value_t = Format::Markdown)]
        format: Format,
        /// The SDK's `Cargo.toml`, whose version the next one is computed from.
        #[arg(long, default_value_os_t = default_manifest())]
        manifest: PathBuf,
    },
    /// Copy reference pages (REST, agent, scripting; recognised by their front matter) and
    /// OpenAPI files from a checkout of the vendor's docs into a docs directory.
    Import {
        /// Directories to copy from: a checkout of the documentation repository (only its
        /// reference trees are read), a directory of OpenAPI files, or any directory of pages.
        #[arg(long, required = true)]
        from: Vec<PathBuf>,
        /// The docs directory to copy into.
        #[arg(long, default_value_os_t = default_docs())]
        to: PathBuf,
        /// Update only files the docs directory already has (refresh a curated subset).
        #[arg(long)]
        only_existing: bool,
    },
}

/// Output format of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// Markdown.
    Markdown,
    /// JSON.
    Json,
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

fn default_manifest() -> PathBuf {
    workspace_root().join("sdk/Cargo.toml")
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Generate(p) => run_generate(&p),
        Command::Check(p) => run_check(&p),
        Command::Stats { docs } => run_stats(&docs),
        Command::Diff { from, to, format, manifest } => run_diff(&from, &to, format, &manifest),
        Command::Import { from, to, only_existing } => run_import(&from, &to, only_existing),
    }
}

/// Prints what generation left out (it still succeeds).
fn print_warnings(warnings: &[Diagnostic]) {
    for w in warnings {
        eprintln!("warning: {w}");
    }
}

/// What `generate` and `check` make of the docs.
struct Generated {
    files: emit::Files,
    manifest: String,
    manifest_changed: bool,
    /// The method-name snapshot ([`lower::names::method_snapshot`]).
    methods: String,
    api: superoffice_codegen::ir::Api,
}

/// Generated files, the SDK manifest with the generated features and the method-name snapshot,
/// or why not.
fn generate(p: &Paths) -> Result<Generated, String> {
    let built = superoffice_codegen::build(&p.docs).map_err(|e| format!("generation failed:\n{e}"))?;
    print_warnings(&built.warnings);
    let files = emit::render(&built.api).map_err(|e| format!("generation failed:\n{e}"))?;
    let (manifest, manifest_changed) = emit::output::manifest_with_features(&p.manifest(), &built.api)?;
    let methods = lower::names::method_snapshot(&built.api);
    Ok(Generated { files, manifest, manifest_changed, methods, api: built.api })
}

/// The change report against the docs at git `HEAD`, in a few lines; skipped with a reason when
/// the docs are not in git or HEAD's docs do not generate.
fn summary_since_head(p: &Paths, api: &superoffice_codegen::ir::Api) -> String {
    let old = match DocsSource::at_revision("HEAD", &p.docs) {
        Ok(s) => s,
        Err(e) => return format!("change report skipped: {}\n", e.message),
    };
    let analysis = match superoffice_codegen::analyse(&old.dir) {
        Ok(a) if a.is_usable() => a,
        Ok(a) => {
            return format!("change report skipped: the docs at HEAD do not generate ({} problems)\n", a.problems.len())
        }
        Err(e) => return format!("change report skipped: {e}\n"),
    };
    let current = diff::manifest_version(&p.manifest()).ok();
    let report = diff::classify(&old.label, &p.docs.display().to_string(), diff::compare(&analysis.api, api), current);
    diff::render::summary(&report, 10)
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
    let Generated { files, manifest, manifest_changed, methods, api } = match generate(p) {
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
            print!("{}", summary_since_head(p, &api));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run_check(p: &Paths) -> ExitCode {
    let Generated { files, manifest_changed, methods, .. } = match generate(p) {
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
    let analysis = match superoffice_codegen::analyse(docs) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut problems = analysis.problems.clone();
    // The same pipeline as `generate`: the emitter must accept the API too.
    if problems.is_empty() {
        if let Err(e) = emit::render(&analysis.api) {
            problems.push(Diagnostic::new(docs, 0, format!("the emitter failed: {e}")));
        }
    }
    let api = &analysis.api;
    let c = analysis.counts;
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
        "pages:      {} ({} REST, {} agent, {} scripting; {} other files skipped)",
        c.rest_pages + c.agent_pages + c.scripting_pages,
        c.rest_pages,
        c.agent_pages,
        c.scripting_pages,
        c.skipped
    );
    println!("openapi:    {} files, {} operations", c.openapi_files, c.openapi_operations);
    println!("resources:  {} ({} REST, {agents} agent services)", api.resources.len(), api.resources.len() - agents);
    println!("endpoints:  {endpoints} ({binary} with file content)");
    println!("models:     {}", api.models.len());
    println!("enums:      {}", api.enums.len());
    println!("hooks:      {}", api.hooks.len());
    for h in api.hooks.values() {
        println!("  {} <- {}.{} ({})", h.operation_id, h.agent, h.service_method, h.source);
    }
    println!("warnings:   {}", analysis.warnings.len());
    for w in &analysis.warnings {
        println!("  {w}");
    }
    println!("unusable:   {}", problems.len());
    for p in &problems {
        println!("  {p}");
    }
    if problems.is_empty() {
        println!("verdict:    usable (generate and check accept these docs)");
        ExitCode::SUCCESS
    } else {
        println!("verdict:    unusable (generate and check fail on these docs)");
        ExitCode::FAILURE
    }
}

fn run_diff(from: &str, to: &Path, format: Format, manifest: &Path) -> ExitCode {
    let old = match DocsSource::resolve(from, to) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let current: Option<Version> = match diff::manifest_version(manifest) {
        Ok(v) => Some(v),
        Err(e) => {
            eprintln!("warning: {e}; no next version computed");
            None
        }
    };
    let label = to.display().to_string();
    match diff::docs((&old.label, &old.dir), (&label, to), current) {
        Ok(report) => {
            match format {
                Format::Markdown => print!("{}", diff::render::markdown(&report)),
                Format::Json => println!("{:#}", diff::render::json(&report)),
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot compare, a doc set does not generate:\n{e}");
            ExitCode::FAILURE
        }
    }
}

fn run_import(from: &[PathBuf], to: &Path, only_existing: bool) -> ExitCode {
    let done = superoffice_codegen::import::import(from, to, only_existing);
    for f in &done.added {
        println!("  new:     {}", f.display());
    }
    for f in &done.changed {
        println!("  changed: {}", f.display());
    }
    println!(
        "imported into {}: {} new, {} changed, {} unchanged, {} not tracked (--only-existing), {} other files skipped",
        to.display(),
        done.added.len(),
        done.changed.len(),
        done.unchanged,
        done.not_tracked,
        done.skipped
    );
    for p in &done.problems {
        eprintln!("error: {p}");
    }
    if done.problems.is_empty() {
        println!("next: `superoffice-codegen diff` to see what changes, then `generate`");
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
