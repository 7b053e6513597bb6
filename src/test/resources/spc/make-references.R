# Regenerates the qicharts2 and NHSRplotthedots reference files of this folder (see README.md).
# R 4.2 with qicharts2 0.8.1 and NHSRplotthedots 0.2.2 installed; run from this folder: Rscript make-references.R
suppressMessages({library(qicharts2); library(NHSRplotthedots); library(dplyr)})
out <- ""
w <- function(d, f) write.csv(d, paste0(out, f), row.names = FALSE, quote = FALSE)
r4 <- function(x) signif(x, 8)

# qicharts2 vignette: CDI counts, c chart split at 24 (part = 24)
q <- qic(month, n, data = cdi, chart = 'c', part = 24, return.data = TRUE)
w(data.frame(month = cdi$month, n = cdi$n, days = cdi$days, part = q$part, cl = r4(q$cl), lcl = r4(q$lcl), ucl = r4(q$ucl),
             beyond_limits = q$sigma.signal), "qicharts2-cdi-c-part24.csv")
q <- qic(month, n, days, data = cdi, chart = 'u', part = 24, return.data = TRUE)
w(data.frame(month = cdi$month, n = cdi$n, days = cdi$days, part = q$part, cl = r4(q$cl), lcl = r4(q$lcl), ucl = r4(q$ucl),
             beyond_limits = q$sigma.signal), "qicharts2-cdi-u-part24.csv")

# qicharts2 vignette: CABG deaths, surgeries (g) and days (t) between deaths
fatalities <- cabg %>% mutate(x = row_number()) %>% filter(death) %>% mutate(dd = x - lag(x), dt = as.numeric(date - lag(date)))
f <- fatalities[-1, ]
g <- qic(dd, data = f, chart = 'g', return.data = TRUE)
t <- qic(dt, data = f, chart = 't', return.data = TRUE)
w(data.frame(death = seq_len(nrow(f)) + 1, date = f$date, surgeries_between = f$dd, days_between = f$dt,
             g_cl = r4(g$cl), g_lcl = r4(g$lcl), g_ucl = r4(g$ucl), g_beyond = g$sigma.signal,
             t_cl = r4(t$cl), t_lcl = r4(t$lcl), t_ucl = r4(t$ucl), t_beyond = t$sigma.signal), "qicharts2-cabg-g-t.csv")
w(data.frame(date = fatalities$date, surgery = fatalities$x), "qicharts2-cabg-death-dates.csv")

# NHSRplotthedots test fixture: set.seed(123); rnorm(20), and the same with point 15 set to 10 (screened, unscreened)
ptd <- function(y, ...) {
  d <- data.frame(x = as.Date("2020-01-01") + seq_along(y), y = y)
  ptd_spc(d, value_field = y, date_field = x, ...)
}
set.seed(123); y <- rnorm(20)
y2 <- y; y2[15] <- 10
a <- ptd(y); b <- ptd(y2); c <- ptd(y2, screen_outliers = FALSE)
w(data.frame(y = r4(y), y_15_is_10 = y2, mean = r4(a$mean_col), lpl = r4(a$lpl), upl = r4(a$upl),
             screened_mean = r4(b$mean_col), screened_lpl = r4(b$lpl), screened_upl = r4(b$upl),
             unscreened_lpl = r4(c$lpl), unscreened_upl = r4(c$upl)), "nhsrplotthedots-rnorm20.csv")

rules <- function(y, file, direction = "increase", target = NULL, rebase_at = NULL, fix = NULL) {
  d <- data.frame(x = as.Date("2020-01-01") + seq_along(y), y = y)
  args <- list(d, value_field = "y", date_field = "x", improvement_direction = direction)
  if (!is.null(target)) args$target <- target
  if (!is.null(rebase_at)) args$rebase <- ptd_rebase(d$x[rebase_at])
  if (!is.null(fix)) args$fix_after_n_points <- fix
  s <- do.call(ptd_spc, args)
  sm <- summary(s)
  lastgroup <- utils::tail(sm, 1)
  w(data.frame(y = y, phase = s$rebase_group, mean = r4(s$mean_col), lpl = r4(s$lpl), upl = r4(s$upl),
               special_cause_type = gsub(" ", "_", s$special_cause_type), point_type = s$point_type,
               variation = lastgroup$variation_type, assurance = if (is.null(lastgroup$assurance_type)) NA else lastgroup$assurance_type), file)
}
# two phases, the second frozen after 12 points, improvement = decrease, target 0.5
set.seed(123); base <- round(rnorm(20, 10, 1), 2)
set.seed(7); after <- round(c(rnorm(10, 8.6, 0.5), 8.4, 8.2, 8.1, 7.9, 7.6, 7.4, 7.2, 6, 9.9, 9.8, 8.5, 9.7), 2)
rules(c(base, after), "nhsrplotthedots-two-phases.csv", direction = "decrease", target = 9, rebase_at = 21, fix = 12)
# edges, limits frozen after the first 12 points (mean 5, MR-bar 15/11, limits 1.3727 and 8.6273, outer third beyond 2.5818 and 7.4182):
# a value on the mean breaks a shift; an equal value breaks a trend; two of three with the third beyond the limit
b10 <- c(5, 4, 6, 5, 4, 6, 5, 4, 6, 5, 4, 6)
rules(c(b10, 5.5, 5.5, 5.5, 5, 5.5, 5.5, 5.5, 4, 5.5, 5.5, 5.5, 5.5, 5.5, 5.5, 5.5, 4), "nhsrplotthedots-edge-shift.csv", fix = 12)
rules(c(b10, 3, 3.5, 4, 4.5, 4.5, 5, 5.5, 6, 2.5, 3, 3.5, 4, 4.5, 5.2, 5.8, 4), "nhsrplotthedots-edge-trend.csv", direction = "decrease", fix = 12)
rules(c(b10, 7.5, 9, 5.5, 4, 7.5, 9, 7.6, 4, 7.5, 4, 7.6, 4, 7.5, 7.6, 5, 4, 2, 1, 4), "nhsrplotthedots-edge-two-of-three.csv", target = 8, fix = 12)
