import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

/** What a self-registration page shows once its application is in: who reviews it and how to sign in afterwards. */
export function RegistrationSubmitted({ children }: { children: ReactNode }) {
  return (
    <section className="panel narrow stack">
      <h1>注册申请已提交</h1>
      <p className="notice" role="status">
        {children}
      </p>
      <p>
        <Link to="/login">返回登录</Link>
      </p>
    </section>
  );
}
