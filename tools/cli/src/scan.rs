//! A minimal scanner of JSON text that finds where objects' members and
//! values start and end, so that the library's strict reader can be given
//! exactly the original bytes of a part (numbers stay exact).

use std::ops::Range;

/// One member of a JSON object: its key, where the member starts (the
/// key's opening quote), its value, and the comma after it if any.
#[derive(Debug, Clone)]
pub struct Member {
    pub key: String,
    pub start: usize,
    pub value: Range<usize>,
    pub comma: Option<usize>,
}

/// A JSON object's members, in order.
#[derive(Debug, Clone)]
pub struct Object {
    pub members: Vec<Member>,
}

/// A minimal scanner of well-formed JSON: it finds where values start and
/// end, and nothing else. Any surprise gives `None`, and the caller falls
/// back to the library's single error.
pub struct Scanner<'t> {
    text: &'t [u8],
    pub pos: usize,
}

impl<'t> Scanner<'t> {
    pub fn new(text: &'t str, pos: usize) -> Scanner<'t> {
        Scanner {
            text: text.as_bytes(),
            pos,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text.get(self.pos).copied()
    }

    pub fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        self.skip_ws();
        (self.peek() == Some(byte)).then(|| self.pos += 1)
    }

    /// A string literal; returns its span, quotes included.
    fn string(&mut self) -> Option<Range<usize>> {
        self.skip_ws();
        let start = self.pos;
        if self.peek() != Some(b'"') {
            return None;
        }
        self.pos += 1;
        loop {
            match self.peek()? {
                b'"' => {
                    self.pos += 1;
                    return Some(start..self.pos);
                }
                b'\\' => self.pos += 2,
                _ => self.pos += 1,
            }
        }
    }

    /// Any value; returns its span.
    fn value(&mut self) -> Option<Range<usize>> {
        self.skip_ws();
        let start = self.pos;
        match self.peek()? {
            b'"' => return self.string(),
            b'{' | b'[' => {
                let mut depth = 0usize;
                loop {
                    match self.peek()? {
                        b'"' => {
                            self.string()?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth = depth.checked_sub(1)?;
                            if depth == 0 {
                                self.pos += 1;
                                return Some(start..self.pos);
                            }
                        }
                        _ => {}
                    }
                    self.pos += 1;
                }
            }
            _ => {
                while let Some(b) = self.peek() {
                    if matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                        break;
                    }
                    self.pos += 1;
                }
            }
        }
        (self.pos > start).then_some(start..self.pos)
    }

    /// An object starting here.
    pub fn object(&mut self) -> Option<Object> {
        self.eat(b'{')?;
        let mut members = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Some(Object { members });
        }
        loop {
            let key_span = self.string()?;
            let raw_key = std::str::from_utf8(self.text.get(key_span.clone())?).ok()?;
            let key: String = serde_json::from_str(raw_key).ok()?;
            self.eat(b':')?;
            let value = self.value()?;
            self.skip_ws();
            match self.peek()? {
                b',' => {
                    members.push(Member {
                        key,
                        start: key_span.start,
                        value,
                        comma: Some(self.pos),
                    });
                    self.pos += 1;
                }
                b'}' => {
                    members.push(Member {
                        key,
                        start: key_span.start,
                        value,
                        comma: None,
                    });
                    self.pos += 1;
                    return Some(Object { members });
                }
                _ => return None,
            }
        }
    }
}

/// Spaces over a range, keeping line breaks (so that line numbers hold).
pub fn blank(bytes: &mut [u8], range: Range<usize>) {
    for b in bytes.get_mut(range).unwrap_or_default() {
        if !matches!(*b, b'\n' | b'\r') {
            *b = b' ';
        }
    }
}
