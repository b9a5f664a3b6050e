//! Progress on standard error for batches that take more than a moment:
//! a line redrawn in place on a terminal, plain lines with `--progress`
//! when standard error is not a terminal, nothing otherwise (never
//! garbage in a pipe or a log).

use std::io::{IsTerminal as _, Write as _};
use std::time::{Duration, Instant};

/// How progress is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Off,
    /// Redrawn with `\r` on a terminal, only once the work has taken
    /// longer than [`QUIET`].
    Terminal,
    /// Plain lines (`--progress` to a file or pipe), at most one a second,
    /// and the last one always.
    Lines,
}

/// Below this, a terminal sees no progress at all.
const QUIET: Duration = Duration::from_millis(300);

/// The progress of one batch.
#[derive(Debug)]
pub struct Progress {
    mode: Mode,
    start: Instant,
    last: Option<Instant>,
    shown: bool,
}

impl Progress {
    /// Progress as `--progress` and standard error allow.
    pub fn new(forced: bool) -> Progress {
        let mode = if std::io::stderr().is_terminal() {
            Mode::Terminal
        } else if forced {
            Mode::Lines
        } else {
            Mode::Off
        };
        Progress {
            mode,
            start: Instant::now(),
            last: None,
            shown: false,
        }
    }

    /// Reports `done` of `total` (if known) in a phase (`read`, `scored`).
    pub fn tick(&mut self, phase: &str, done: usize, total: Option<usize>) {
        let now = Instant::now();
        let interval = match self.mode {
            Mode::Off => return,
            _ if now.duration_since(self.start) < QUIET => return,
            Mode::Terminal => Duration::from_millis(100),
            Mode::Lines => Duration::from_secs(1),
        };
        if self
            .last
            .is_some_and(|last| now.duration_since(last) < interval)
        {
            return;
        }
        self.last = Some(now);
        self.show(phase, done, total);
    }

    /// Reports the end of a phase: always as a line with `--progress` to a
    /// file or pipe; on a terminal only if progress was shown, and then
    /// cleared.
    pub fn done(&mut self, phase: &str, total: usize) {
        match self.mode {
            Mode::Off => {}
            Mode::Terminal => {
                if self.shown {
                    let mut err = std::io::stderr().lock();
                    let _ = write!(err, "\r\x1b[2K");
                    let _ = err.flush();
                    self.shown = false;
                }
            }
            Mode::Lines => {
                let mut err = std::io::stderr().lock();
                let _ = writeln!(err, "ducha: {phase} {total} inspections");
            }
        }
        self.last = None;
    }

    /// Announces a phase that reports no steps of its own (`scoring`,
    /// `writing`): as a line with `--progress` to a file or pipe; on a
    /// terminal, as the status line once the run has taken a moment or the
    /// batch is large, until [`Progress::done`].
    pub fn start(&mut self, phase: &str, total: usize) {
        let text = format!("ducha: {phase} {total} inspections…");
        let mut err = std::io::stderr().lock();
        let _ = match self.mode {
            Mode::Off => return,
            Mode::Terminal if self.start.elapsed() < QUIET && total < 1000 => return,
            Mode::Terminal => write!(err, "\r\x1b[2K{text}"),
            Mode::Lines => writeln!(err, "{text}"),
        };
        let _ = err.flush();
        self.shown = true;
    }

    fn show(&mut self, phase: &str, done: usize, total: Option<usize>) {
        let text = match total {
            Some(total) => format!("ducha: {phase} {done} of {total} inspections"),
            None => format!("ducha: {phase} {done} inspections"),
        };
        let mut err = std::io::stderr().lock();
        let _ = match self.mode {
            Mode::Off => return,
            Mode::Terminal => write!(err, "\r\x1b[2K{text}"),
            Mode::Lines => writeln!(err, "{text}"),
        };
        let _ = err.flush();
        self.shown = true;
    }
}
