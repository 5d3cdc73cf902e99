//! `policyc-gen`: deterministic synthetic policy corpora and plans for benchmarks and fuzzing.
//!
//! ```text
//! policyc-gen corpus --seed 1 --count 1000 --out target/synth/c1000
//! policyc-gen corpus --seed 1 --count 10 --scale 10 --out target/synth/big
//! policyc-gen plan --seed 1 --tasks 2000 --out target/synth/plans
//! policyc-gen stress --shape units --size 16000 --out target/synth/stress
//! ```
//!
//! The same seed and options give byte-identical files. Nothing is written into `policies/`
//! or `seeds/`, and files are written atomically.

use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use policyc::cli::output::write_atomic;
use policyc::synth;

/// 生成合成的政策文件和工作计划（用于性能测试与模糊测试），同一种子生成的文件完全相同。
#[derive(Parser)]
#[command(name = "policyc-gen", version)]
struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// N 份形状与真实通知相近的政策文件
    Corpus {
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// 文件数（10 … 10000）
        #[arg(long, default_value_t = 10)]
        count: usize,
        /// 每份文件的规模倍数（乡镇、任务、表格、规则、正文长度都乘以它）
        #[arg(long, default_value_t = 1)]
        scale: usize,
        #[arg(short, long)]
        out: PathBuf,
    },
    /// 一份工作计划：plan-N.policy 和同一计划的 TaskJuggler 项目 plan-N.tjp
    Plan {
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// 任务数（100 … 20000）
        #[arg(long, default_value_t = 100)]
        tasks: usize,
        #[arg(short, long)]
        out: PathBuf,
    },
    /// 一份规模到达上限附近的文件（性能测试用）：stress-SHAPE-SIZE.policy
    Stress {
        /// names：一个单位的 SIZE 个名称；units：SIZE 个单位；phases：SIZE 个阶段；
        /// plan：SIZE 项带指标的任务；table：SIZE 行、200 列的表
        #[arg(long)]
        shape: String,
        #[arg(long)]
        size: usize,
        #[arg(short, long)]
        out: PathBuf,
    },
}

fn refuse(out: &Path) -> Option<String> {
    let protected = ["policies", "seeds"];
    out.components()
        .any(|c| matches!(c, Component::Normal(n) if protected.iter().any(|p| n == *p)))
        .then(|| format!("不向 policies/ 或 seeds/ 中写入合成文件：{}", out.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    write_atomic(path, text.as_bytes()).map_err(|e| format!("无法写入 {}：{e}", path.display()))
}

fn run(args: Args) -> Result<(), String> {
    match args.command {
        Command::Corpus {
            seed,
            count,
            scale,
            out,
        } => {
            if let Some(why) = refuse(&out) {
                return Err(why);
            }
            let mut bytes = 0;
            for (i, (name, text)) in synth::corpus(seed, count).enumerate() {
                let text = if scale > 1 {
                    let file_seed = seed ^ (i as u64).wrapping_mul(0x9E37_79B9);
                    let mut rng = synth::Rng::new(file_seed);
                    synth::notice(file_seed, &synth::Shape::sample(&mut rng).scaled(scale))
                } else {
                    text
                };
                bytes += text.len();
                write(&out.join(name), &text)?;
            }
            eprintln!(
                "policyc-gen: {count} 份文件，共 {bytes} 字节 → {}",
                out.display()
            );
        }
        Command::Plan { seed, tasks, out } => {
            if let Some(why) = refuse(&out) {
                return Err(why);
            }
            let plan = synth::plan(seed, tasks);
            write(&out.join(format!("plan-{tasks}.policy")), &plan.to_policy())?;
            write(&out.join(format!("plan-{tasks}.tjp")), &plan.to_tjp())?;
            eprintln!("policyc-gen: {tasks} 项任务的计划 → {}", out.display());
        }
        Command::Stress { shape, size, out } => {
            if let Some(why) = refuse(&out) {
                return Err(why);
            }
            let text = match shape.as_str() {
                "names" => synth::stress::one_unit_many_names(size),
                "units" => synth::stress::many_units(size),
                "phases" => synth::stress::many_phases(size),
                "plan" => synth::plan(1, size).to_policy(),
                "table" => synth::stress::wide_table(size, 200),
                other => {
                    return Err(format!(
                        "未知的形状“{other}”：可用 names、units、phases、plan、table"
                    ))
                }
            };
            let path = out.join(format!("stress-{shape}-{size}.policy"));
            write(&path, &text)?;
            eprintln!("policyc-gen: {} 字节 → {}", text.len(), path.display());
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    match run(Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("policyc-gen: {e}");
            ExitCode::from(2)
        }
    }
}
