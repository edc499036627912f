"""Pure calculators: plain values and parameter data in, an explained result out."""
