;;; emacs-eglot.el --- driven by emacs.test.ts: emacs --batch -l emacs-eglot.el  -*- lexical-binding: t -*-
;; Opens the draft with eglot, waits for cuomin's diagnostics in flymake, applies the preferred
;; quick fix through eglot's own code-action command, writes a JSON report.
(require 'json)
(require 'cl-lib)

(defvar cuomin-report (list (cons 'errors [])))
(defun cuomin-finish ()
  (with-temp-file (getenv "CUOMIN_REPORT")
    (insert (json-encode cuomin-report)))
  (kill-emacs 0))
(defun cuomin-fail (message)
  (push (cons 'error message) cuomin-report)
  (cuomin-finish))
(defun cuomin-wait (predicate seconds)
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (funcall predicate)))

(unless (require 'eglot nil t)
  (cuomin-fail "eglot is not installed: apt-get update && apt-get install -y neovim emacs-nox elpa-eglot"))

(condition-case err
    (let* ((workspace (getenv "CUOMIN_WORKSPACE"))
           (server (getenv "CUOMIN_SERVER")))
      (setq eglot-server-programs
            `(((text-mode :language-id "markdown") . ("node" ,server "--stdio"))))
      (setq eglot-sync-connect 10)
      (find-file (expand-file-name "draft.md" workspace))
      (text-mode)
      ;; `eglot-ensure' waits for a command loop that batch mode does not run.
      (apply #'eglot (eglot--guess-contact))
      (unless (cuomin-wait (lambda () (eglot-current-server)) 30)
        (cuomin-fail "eglot did not connect"))
      (unless (cuomin-wait (lambda () (>= (length (flymake-diagnostics)) 3)) 30)
        (cuomin-fail (format "no diagnostics within 30 s, got %d" (length (flymake-diagnostics)))))
      (let ((diags (sort (flymake-diagnostics)
                         (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b))))))
        (push (cons 'diagnostics
                    (vconcat
                     (mapcar (lambda (d)
                               (let ((beg (flymake-diagnostic-beg d)) (end (flymake-diagnostic-end d)))
                                 (list (cons 'line (line-number-at-pos beg))
                                       (cons 'column (save-excursion (goto-char beg) (- beg (line-beginning-position))))
                                       (cons 'text (buffer-substring-no-properties beg end))
                                       (cons 'type (symbol-name (flymake-diagnostic-type d)))
                                       (cons 'message (flymake-diagnostic-text d)))))
                             diags)))
              cuomin-report)
        (let* ((target (cl-find-if (lambda (d) (string-match-p "按步就班" (flymake-diagnostic-text d))) diags)))
          (unless target (cuomin-fail "no diagnostic for 按步就班"))
          ;; The interactive command, with the menu answered by its default: the preferred action.
          (cl-letf (((symbol-function 'completing-read)
                     (lambda (_prompt collection &rest args)
                       (push (cons 'actions (vconcat (mapcar #'car collection))) cuomin-report)
                       (nth 4 args))))
            (let ((last-nonmenu-event 0))
              (eglot-code-actions (flymake-diagnostic-beg target) (flymake-diagnostic-end target) nil t)))
          ;; eglot sends the change from an idle timer, and batch mode is never idle: send it now.
          (eglot--signal-textDocument/didChange)
          (push (cons 'text_after (buffer-substring-no-properties (point-min) (point-max))) cuomin-report)
          (unless (cuomin-wait (lambda () (= (length (flymake-diagnostics)) 2)) 30)
            (cuomin-fail (format "diagnostics did not update after the fix, got %d" (length (flymake-diagnostics)))))
          (push (cons 'count_after (length (flymake-diagnostics))) cuomin-report)))
      (cuomin-finish))
  (error (cuomin-fail (format "%S" err))))
