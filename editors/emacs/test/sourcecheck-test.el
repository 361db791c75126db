;;; sourcecheck-test.el --- End-to-end test of sourcecheck.el through Eglot -*- lexical-binding: t; -*-

;; Run by test/run.sh:  emacs --batch -l sourcecheck-test.el
;; Environment: SOURCECHECK_BIN, SOURCECHECK_NOTE, SOURCECHECK_EL (sourcecheck.el),
;; SOURCECHECK_TIMEOUT (seconds).  Exits 0 when every check passed, 1 otherwise.

(require 'cl-lib)
(require 'subr-x)

(defvar sct-passed 0)
(defvar sct-failed 0)
(defconst sct-figure "more than 5,000 militants")
(defconst sct-source-files '("004_373bdf90062bec4d.txt" "003_9720369bb28d1618.txt"))
(defvar sct-timeout (string-to-number (or (getenv "SOURCECHECK_TIMEOUT") "60")))

(defun sct-out (fmt &rest args)
  (princ (concat (apply #'format fmt args) "\n")))

(defun sct-check (ok name &optional detail)
  (if ok
      (progn (cl-incf sct-passed) (princ (format "ok   - %s\n" name)))
    (cl-incf sct-failed)
    (princ (format "FAIL - %s%s\n" name (if detail (format "\n       %s" detail) ""))))
  ok)

(defun sct-finish ()
  (princ (format "emacs: %d passed, %d failed\n" sct-passed sct-failed))
  (kill-emacs (if (> sct-failed 0) 1 0)))

(defun sct-wait (pred)
  "Wait until PRED returns non-nil or `sct-timeout' passes; return its value."
  (let ((deadline (+ (float-time) sct-timeout)) v)
    (while (and (not (setq v (funcall pred))) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    v))

(defun sct-sentences-with (line needle)
  "List of (START . END) character spans of the sentences in LINE holding NEEDLE."
  (let ((from 0) spans)
    (while (string-match (regexp-quote needle) line from)
      (let* ((at (match-beginning 0)) (e (match-end 0)) (start 0) (p 0))
        (while (and (string-match "[.!?][”\"]?[ \t]+" line p) (< (match-beginning 0) at))
          (setq start (match-end 0) p (match-end 0)))
        (push (cons start (if (string-match "[.!?][”\"]?\\([ \t]\\|$\\)" line e)
                              (1+ (match-beginning 0))
                            (length line)))
              spans)
        (setq from e)))
    spans))

(defun sct-in-spans (spans col)
  (cl-some (lambda (s) (and (>= col (car s)) (<= col (cdr s)))) spans))

(defun sct-run ()
  (let* ((bin (getenv "SOURCECHECK_BIN"))
         (note (getenv "SOURCECHECK_NOTE"))
         (el (getenv "SOURCECHECK_EL")))
    (sct-out "emacs %s, server %s" emacs-version bin)
    (require 'eglot)
    (require 'markdown-mode nil t)
    (load el nil t)
    (setq sourcecheck-program bin)
    (sourcecheck-setup)
    (setq eglot-connect-timeout sct-timeout
          eglot-sync-connect sct-timeout
          flymake-no-changes-timeout 0.1)
    (find-file note)
    (unless (derived-mode-p 'markdown-mode) (text-mode))
    (sct-out "note %s in %s" note major-mode)
    (condition-case err
        (apply #'eglot--connect (eglot--guess-contact))
      (error (sct-check nil "eglot connects to the server" (error-message-string err))
             (sct-finish)))
    (let ((server (sct-wait (lambda () (eglot-current-server)))))
      (unless (sct-check server "eglot manages the note")
        (sct-finish))
      (sct-check (file-equal-p (project-root (eglot--project server)) (file-name-directory note))
                 "project root is the workspace" (project-root (eglot--project server))))

    ;; Diagnostics.
    (goto-char (point-min))
    (search-forward sct-figure)
    (let* ((fig-end (point))
           (fig-beg (- fig-end (length sct-figure)))
           (diag (sct-wait
                  (lambda ()
                    (cl-find-if (lambda (d)
                                  (let ((raw (alist-get 'eglot-lsp-diag (flymake-diagnostic-data d))))
                                    (and (equal (plist-get raw :code) "contradicted")
                                         (= (line-number-at-pos (flymake-diagnostic-beg d))
                                            (line-number-at-pos fig-beg)))))
                                (flymake-diagnostics))))))
      (sct-out "diagnostics:\n  %s"
               (mapconcat (lambda (d) (format "%d-%d %s %s" (flymake-diagnostic-beg d) (flymake-diagnostic-end d)
                                              (flymake-diagnostic-type d) (flymake-diagnostic-text d)))
                          (flymake-diagnostics) "\n  "))
      (when (sct-check diag "a \"contradicted\" Flymake diagnostic on the figure's line")
        (let ((raw (alist-get 'eglot-lsp-diag (flymake-diagnostic-data diag))))
          (sct-check (eq (flymake-diagnostic-type diag) 'eglot-warning) "severity is Warning"
                     (format "%S / %S" (flymake-diagnostic-type diag) (plist-get raw :severity)))
          (sct-check (equal (plist-get raw :source) "sourcecheck") "source is \"sourcecheck\"")
          (sct-check (string-prefix-p "Contradicted:" (plist-get raw :message))
                     "message starts with \"Contradicted:\"" (plist-get raw :message))
          (sct-check (and (= (flymake-diagnostic-beg diag) fig-beg) (= (flymake-diagnostic-end diag) fig-end))
                     (format "range is exactly %S" sct-figure)
                     (format "got %S" (buffer-substring-no-properties (flymake-diagnostic-beg diag)
                                                                     (flymake-diagnostic-end diag))))))

      ;; Hover.
      (goto-char (+ fig-beg 3))
      (let* ((hover (jsonrpc-request (eglot-current-server) :textDocument/hover
                                     (eglot--TextDocumentPositionParams)))
             (contents (plist-get hover :contents))
             (text (cond ((stringp contents) contents)
                         ((plist-get contents :value))
                         ((vectorp contents)
                          (mapconcat (lambda (c) (if (stringp c) c (plist-get c :value))) contents "\n"))
                         (t ""))))
        (sct-check (string-match-p "Contradicted" text) "hover mentions \"Contradicted\"" (format "%S" hover))
        (sct-check (string-match-p "1,000" text) "hover quotes the source passage (\"1,000\")" text))

      ;; Definition through xref (M-.), as a user would.
      (goto-char (+ fig-beg 3))
      (let* ((id (xref-backend-identifier-at-point 'eglot))
             (items (xref-backend-definitions 'eglot id))
             (note-buf (current-buffer)))
        (when (sct-check items "xref-find-definitions finds a definition" (format "%S" id))
          (xref-pop-to-location (car items))
          (let* ((file (or (buffer-file-name) ""))
                 (line (buffer-substring-no-properties (line-beginning-position) (line-end-position)))
                 (col (- (point) (line-beginning-position))))
            (sct-out "definition: %s:%d:%d" file (line-number-at-pos) (1+ col))
            (sct-check (and (not (eq (current-buffer) note-buf))
                            (member (file-name-nondirectory file) sct-source-files)
                            (string-match-p "/seeds/" file))
                       "definition opens seeds/004_... or seeds/003_..." file)
            (sct-check (sct-in-spans (sct-sentences-with line "1,000") col)
                       "point is on the sentence containing \"1,000\"" line)))))
    ;; Changed customizations reach the running server.
    (with-current-buffer (find-buffer-visiting note)
      (setq sourcecheck-severity '((contradicted . "error")))
      (sourcecheck-notify-config)
      (sct-check (sct-wait (lambda ()
                             (cl-find-if (lambda (d)
                                           (and (eq (flymake-diagnostic-type d) 'eglot-error)
                                                (equal (plist-get (alist-get 'eglot-lsp-diag (flymake-diagnostic-data d)) :code)
                                                       "contradicted")))
                                         (flymake-diagnostics))))
                 "sourcecheck-notify-config with contradicted = error: the diagnostic becomes an error")
      ;; A source corrected in the editor and saved re-judges the note: the
      ;; figure it supported and now contradicts is "Newly contradicted by 004".
      (let ((source (expand-file-name "seeds/004_373bdf90062bec4d.txt" (file-name-directory note))))
        (with-current-buffer (find-file-noselect source)
          (goto-char (point-min))
          (search-forward "more than 45,000 fighters")
          (replace-match "about 20,000 fighters" t t)
          (save-buffer))
        (let ((newly (sct-wait
                      (lambda ()
                        (cl-find-if (lambda (d)
                                      (string-prefix-p "Newly contradicted by 004: "
                                                       (plist-get (alist-get 'eglot-lsp-diag (flymake-diagnostic-data d))
                                                                  :message)))
                                    (flymake-diagnostics))))))
          (sct-check (and newly (= (line-number-at-pos (flymake-diagnostic-beg newly)) 5))
                     "the source saved: \"Newly contradicted by 004\" on the 45,000 line"
                     (mapconcat #'flymake-diagnostic-text (flymake-diagnostics) " | "))))
      (ignore-errors (eglot-shutdown (eglot-current-server))))))

(condition-case err
    (sct-run)
  (error (sct-check nil (format "error: %s" (error-message-string err)))))
(sct-finish)
